using System.Text;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Encoders;

namespace Compat;

/// <summary>BouncyCastle as C# users use it: digests, MACs, AEAD ciphers, key derivation,
/// signatures and key agreement from fixed keys (published test vectors), big integers,
/// encoders and PEM. Random keys appear only where the result is a property of them
/// (a length, a verification), never their bytes.</summary>
internal static class Crypto
{
    private static readonly byte[] AesKey = Hex.Decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static readonly byte[] GcmNonce = Hex.Decode("cafebabefacedbaddecaf888");

    // RFC 8032, section 7.1, TEST 2.
    private const string Ed25519Secret = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

    private static byte[] GcmEncrypt(byte[] plaintext, byte[] aad)
    {
        var cipher = new GcmBlockCipher(new AesEngine());
        cipher.Init(true, new AeadParameters(new KeyParameter(AesKey), 128, GcmNonce, aad));
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var length = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        cipher.DoFinal(output, length);
        return output;
    }

    public static void Register(Oracle o)
    {
        o.Task("sha256-digest", () =>
        {
            var input = Encoding.UTF8.GetBytes("abc");
            var digest = new Sha256Digest();
            digest.BlockUpdate(input, 0, input.Length);
            var output = new byte[digest.GetDigestSize()];
            var written = digest.DoFinal(output, 0);
            return new object[] { digest.AlgorithmName, written, output };
        });

        o.Task("sha512-incremental", () =>
        {
            var digest = new Sha512Digest();
            var part1 = Encoding.UTF8.GetBytes("The quick brown fox ");
            var part2 = Encoding.UTF8.GetBytes("jumps over the lazy dog");
            digest.BlockUpdate(part1, 0, part1.Length);
            digest.BlockUpdate(part2, 0, part2.Length);
            digest.Update((byte)'.');
            var output = new byte[digest.GetDigestSize()];
            digest.DoFinal(output, 0);
            // DoFinal resets the digest: hashing nothing now gives SHA-512("").
            var empty = new byte[64];
            digest.DoFinal(empty, 0);
            return new[] { Hex.ToHexString(output), Hex.ToHexString(empty) };
        });

        o.Task("digest-utilities", () =>
        {
            var data = Encoding.UTF8.GetBytes("hello world");
            return new[]
            {
                Hex.ToHexString(DigestUtilities.CalculateDigest("SHA-256", data)),
                Hex.ToHexString(DigestUtilities.CalculateDigest("SHA3-256", data)),
                Hex.ToHexString(DigestUtilities.CalculateDigest("MD5", data)),
                DigestUtilities.GetDigest("SHA-1").AlgorithmName,
            };
        });

        o.Task("sha3-and-blake2b", () =>
        {
            var data = Encoding.UTF8.GetBytes("abc");
            var sha3 = new Sha3Digest(512);
            sha3.BlockUpdate(data, 0, data.Length);
            var sha3Out = new byte[sha3.GetDigestSize()];
            sha3.DoFinal(sha3Out, 0);
            var blake = new Blake2bDigest(256);
            blake.BlockUpdate(data, 0, data.Length);
            var blakeOut = new byte[blake.GetDigestSize()];
            blake.DoFinal(blakeOut, 0);
            return new object[] { sha3.AlgorithmName, Hex.ToHexString(sha3Out), blake.AlgorithmName, Hex.ToHexString(blakeOut) };
        });

        o.Task("hmac-sha256", () =>
        {
            // RFC 4231, test case 2.
            var key = Encoding.ASCII.GetBytes("Jefe");
            var data = Encoding.ASCII.GetBytes("what do ya want for nothing?");
            var hmac = new HMac(new Sha256Digest());
            hmac.Init(new KeyParameter(key));
            hmac.BlockUpdate(data, 0, data.Length);
            var mac = new byte[hmac.GetMacSize()];
            hmac.DoFinal(mac, 0);
            return new object[] { hmac.AlgorithmName, Hex.ToHexString(mac) };
        });

        o.Task("mac-utilities", () =>
        {
            var key = new KeyParameter(Encoding.ASCII.GetBytes("secret-key"));
            var mac = MacUtilities.CalculateMac("HMAC-SHA512", key, Encoding.UTF8.GetBytes("payload"));
            return Base64.ToBase64String(mac);
        });

        o.Task("aes-gcm-encrypt", () =>
        {
            var ciphertext = GcmEncrypt(Encoding.UTF8.GetBytes("attack at dawn"), Encoding.UTF8.GetBytes("header"));
            return new object[] { ciphertext.Length, Hex.ToHexString(ciphertext) };
        });

        o.Task("aes-gcm-decrypt", () =>
        {
            var aad = Encoding.UTF8.GetBytes("header");
            var ciphertext = GcmEncrypt(Encoding.UTF8.GetBytes("attack at dawn"), aad);
            var cipher = new GcmBlockCipher(new AesEngine());
            cipher.Init(false, new AeadParameters(new KeyParameter(AesKey), 128, GcmNonce, aad));
            var plaintext = new byte[cipher.GetOutputSize(ciphertext.Length)];
            var length = cipher.ProcessBytes(ciphertext, 0, ciphertext.Length, plaintext, 0);
            length += cipher.DoFinal(plaintext, length);
            return new object[] { length, Encoding.UTF8.GetString(plaintext, 0, length), Hex.ToHexString(cipher.GetMac()) };
        });

        o.Task("aes-gcm-tampered-tag", () =>
        {
            var aad = Encoding.UTF8.GetBytes("header");
            var ciphertext = GcmEncrypt(Encoding.UTF8.GetBytes("attack at dawn"), aad);
            ciphertext[^1] ^= 0x01;
            var cipher = new GcmBlockCipher(new AesEngine());
            cipher.Init(false, new AeadParameters(new KeyParameter(AesKey), 128, GcmNonce, aad));
            var plaintext = new byte[cipher.GetOutputSize(ciphertext.Length)];
            var length = cipher.ProcessBytes(ciphertext, 0, ciphertext.Length, plaintext, 0);
            cipher.DoFinal(plaintext, length);
            return "not reached";
        });

        o.Task("aes-cbc-cipher-utilities", () =>
        {
            var iv = Hex.Decode("000102030405060708090a0b0c0d0e0f");
            var cipher = CipherUtilities.GetCipher("AES/CBC/PKCS7Padding");
            cipher.Init(true, new ParametersWithIV(ParameterUtilities.CreateKeyParameter("AES", AesKey), iv));
            var ciphertext = cipher.DoFinal(Encoding.UTF8.GetBytes("Sixteen byte msg plus a tail"));
            cipher.Init(false, new ParametersWithIV(ParameterUtilities.CreateKeyParameter("AES", AesKey), iv));
            var plaintext = cipher.DoFinal(ciphertext);
            return new object[] { cipher.AlgorithmName, Hex.ToHexString(ciphertext), Encoding.UTF8.GetString(plaintext) };
        });

        o.Task("aes-engine-block", () =>
        {
            // FIPS-197, appendix C.1.
            var engine = new AesEngine();
            engine.Init(true, new KeyParameter(Hex.Decode("000102030405060708090a0b0c0d0e0f")));
            var input = Hex.Decode("00112233445566778899aabbccddeeff");
            var output = new byte[16];
            var processed = engine.ProcessBlock(input, 0, output, 0);
            return new object[] { engine.GetBlockSize(), processed, Hex.ToHexString(output) };
        });

        o.Task("aes-bad-key-length", () =>
        {
            var engine = new AesEngine();
            engine.Init(true, new KeyParameter(new byte[5]));
            return "not reached";
        });

        o.Task("chacha20-poly1305", () =>
        {
            var cipher = new ChaCha20Poly1305();
            cipher.Init(true, new AeadParameters(new KeyParameter(AesKey), 128, GcmNonce));
            var plaintext = Encoding.UTF8.GetBytes("ChaCha20 and Poly1305");
            var output = new byte[cipher.GetOutputSize(plaintext.Length)];
            var length = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
            length += cipher.DoFinal(output, length);
            return new object[] { length, Hex.ToHexString(output) };
        });

        o.Task("pbkdf2-sha256", () =>
        {
            var generator = new Pkcs5S2ParametersGenerator(new Sha256Digest());
            var password = PbeParametersGenerator.Pkcs5PasswordToUtf8Bytes("password".ToCharArray());
            generator.Init(password, Encoding.ASCII.GetBytes("salt"), 4096);
            var key = (KeyParameter)generator.GenerateDerivedMacParameters(256);
            return new object[] { key.KeyLength, Hex.ToHexString(key.GetKey()) };
        });

        o.Task("scrypt", () =>
        {
            // RFC 7914, section 12, second vector.
            var key = SCrypt.Generate(Encoding.ASCII.GetBytes("password"), Encoding.ASCII.GetBytes("NaCl"), 1024, 8, 16, 64);
            return Hex.ToHexString(key);
        });

        o.Task("hex-encoder", () =>
        {
            var data = new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x00, 0x7f };
            return new object[]
            {
                Hex.ToHexString(data),
                Hex.ToHexString(data, true),
                Hex.ToHexString(data, 1, 3),
                Hex.Decode("CAFEbabe"),
                Encoding.ASCII.GetString(Hex.Encode(data)),
            };
        });

        o.Task("hex-decode-invalid", () => Hex.DecodeStrict("abc"));

        o.Task("base64-encoder", () =>
        {
            var data = Encoding.UTF8.GetBytes("any carnal pleasure.");
            return new object[]
            {
                Base64.ToBase64String(data),
                Base64.Encode(data),
                Encoding.UTF8.GetString(Base64.Decode("aGVsbG8gd29ybGQ=")),
                Base64.ToBase64String(data, 4, 6),
            };
        });

        o.Task("biginteger-arithmetic", () =>
        {
            var a = new BigInteger("123456789012345678901234567890");
            var b = BigInteger.ValueOf(987654321);
            return new object[]
            {
                a.Add(b).ToString(),
                a.Subtract(b).ToString(),
                a.Multiply(b).ToString(),
                a.Divide(b).ToString(),
                a.Mod(b).ToString(),
                a.ToString(16),
                a.BitLength,
                a.Negate().Abs().Equals(a),
                a.CompareTo(b),
                b.Pow(3).ToString(),
                new BigInteger("ff", 16).IntValue,
            };
        });

        o.Task("biginteger-textbook-rsa", () =>
        {
            var p = new BigInteger("61");
            var q = new BigInteger("53");
            var n = p.Multiply(q);
            var phi = p.Subtract(BigInteger.One).Multiply(q.Subtract(BigInteger.One));
            var e = BigInteger.ValueOf(17);
            var d = e.ModInverse(phi);
            var message = BigInteger.ValueOf(65);
            var ciphertext = message.ModPow(e, n);
            var decrypted = ciphertext.ModPow(d, n);
            return new[] { n.ToString(), d.ToString(), ciphertext.ToString(), decrypted.ToString(), e.Gcd(phi).ToString() };
        });

        o.Task("biginteger-divide-and-remainder", () =>
        {
            var dividend = new BigInteger("1000000000000000000000007");
            var parts = dividend.DivideAndRemainder(BigInteger.ValueOf(1_000_000_000_000L));
            return new[] { parts.Length.ToString(), parts[0].ToString(), parts[1].ToString() };
        });

        o.Task("biginteger-bytes-and-primes", () =>
        {
            var fromBytes = new BigInteger(1, Hex.Decode("0100ff"));
            var mersenne = BigInteger.One.ShiftLeft(127).Subtract(BigInteger.One);
            return new object[]
            {
                fromBytes.ToString(),
                fromBytes.ToByteArrayUnsigned(),
                mersenne.IsProbablePrime(50),
                mersenne.Add(BigInteger.Two).IsProbablePrime(50),
                BigInteger.ValueOf(1000).NextProbablePrime().ToString(),
                mersenne.TestBit(126),
                mersenne.BitCount,
            };
        });

        o.Task("ed25519-sign-fixed-key", () =>
        {
            var privateKey = new Ed25519PrivateKeyParameters(Hex.Decode(Ed25519Secret), 0);
            var publicKey = privateKey.GeneratePublicKey();
            var message = Hex.Decode("72");
            var signer = new Ed25519Signer();
            signer.Init(true, privateKey);
            signer.BlockUpdate(message, 0, message.Length);
            var signature = signer.GenerateSignature();
            var verifier = new Ed25519Signer();
            verifier.Init(false, publicKey);
            verifier.BlockUpdate(message, 0, message.Length);
            return new object[] { Hex.ToHexString(publicKey.GetEncoded()), Hex.ToHexString(signature), verifier.VerifySignature(signature) };
        });

        o.Task("ed25519-generated-keypair", () =>
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            var keyPair = generator.GenerateKeyPair();
            var message = Encoding.UTF8.GetBytes("sign me");
            var signer = new Ed25519Signer();
            signer.Init(true, keyPair.Private);
            signer.BlockUpdate(message, 0, message.Length);
            var signature = signer.GenerateSignature();
            var verifier = new Ed25519Signer();
            verifier.Init(false, keyPair.Public);
            verifier.BlockUpdate(message, 0, message.Length);
            var valid = verifier.VerifySignature(signature);
            verifier.Reset();
            var tampered = Encoding.UTF8.GetBytes("sign me!");
            verifier.BlockUpdate(tampered, 0, tampered.Length);
            var forged = verifier.VerifySignature(signature);
            return new object[]
            {
                keyPair.Private.IsPrivate,
                ((Ed25519PublicKeyParameters)keyPair.Public).GetEncoded().Length,
                signature.Length,
                valid,
                forged,
            };
        });

        o.Task("ecdsa-rfc6979", () =>
        {
            // RFC 6979, A.2.5: P-256, SHA-256, message "sample".
            var curve = ECNamedCurveTable.GetByName("P-256");
            var domain = new ECDomainParameters(curve);
            var d = new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
            var privateKey = new ECPrivateKeyParameters(d, domain);
            var q = domain.G.Multiply(d).Normalize();
            var publicKey = new ECPublicKeyParameters(q, domain);
            var hash = DigestUtilities.CalculateDigest("SHA-256", Encoding.UTF8.GetBytes("sample"));
            var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            signer.Init(true, privateKey);
            var signature = signer.GenerateSignature(hash);
            var verifier = new ECDsaSigner();
            verifier.Init(false, publicKey);
            return new object[]
            {
                q.AffineXCoord.ToBigInteger().ToString(16),
                signature[0].ToString(16),
                signature[1].ToString(16),
                verifier.VerifySignature(hash, signature[0], signature[1]),
                verifier.VerifySignature(hash, signature[0], signature[1].Add(BigInteger.One)),
            };
        });

        o.Task("ecdsa-signer-utilities", () =>
        {
            var generator = GeneratorUtilities.GetKeyPairGenerator("EC");
            generator.Init(new ECKeyGenerationParameters(ECNamedCurveTable.GetOid("secp256r1"), new SecureRandom()));
            var keyPair = generator.GenerateKeyPair();
            var message = Encoding.UTF8.GetBytes("transfer 100 coins");
            var signer = SignerUtilities.GetSigner("SHA-256withECDSA");
            signer.Init(true, keyPair.Private);
            signer.BlockUpdate(message, 0, message.Length);
            var signature = signer.GenerateSignature();
            var verifier = SignerUtilities.GetSigner("SHA-256withECDSA");
            verifier.Init(false, keyPair.Public);
            verifier.BlockUpdate(message, 0, message.Length);
            return new object[] { verifier.AlgorithmName, signature[0], verifier.VerifySignature(signature) };
        });

        o.Task("x25519-agreement", () =>
        {
            // RFC 7748, section 6.1.
            var alice = new X25519PrivateKeyParameters(Hex.Decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
            var bob = new X25519PublicKeyParameters(Hex.Decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
            var agreement = new X25519Agreement();
            agreement.Init(alice);
            var secret = new byte[agreement.AgreementSize];
            agreement.CalculateAgreement(bob, secret, 0);
            return new[] { Hex.ToHexString(alice.GeneratePublicKey().GetEncoded()), Hex.ToHexString(secret) };
        });

        o.Task("secure-random-seeded", () =>
        {
            var random = SecureRandom.GetInstance("SHA256PRNG", false);
            random.SetSeed(Encoding.ASCII.GetBytes("a fixed seed for tests"));
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new object[] { bytes, random.Next(1000), SecureRandom.GetNextBytes(random, 4) };
        });

        o.Task("rsa-oaep-seeded-key", () =>
        {
            var random = SecureRandom.GetInstance("SHA256PRNG", false);
            random.SetSeed(Encoding.ASCII.GetBytes("rsa key seed"));
            var generator = new RsaKeyPairGenerator();
            generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, 1024, 80));
            var keyPair = generator.GenerateKeyPair();
            var publicKey = (RsaKeyParameters)keyPair.Public;
            var encrypt = new OaepEncoding(new RsaEngine(), new Sha256Digest());
            encrypt.Init(true, new ParametersWithRandom(publicKey, random));
            var message = Encoding.UTF8.GetBytes("wrapped key");
            var ciphertext = encrypt.ProcessBlock(message, 0, message.Length);
            var decrypt = new OaepEncoding(new RsaEngine(), new Sha256Digest());
            decrypt.Init(false, keyPair.Private);
            var plaintext = decrypt.ProcessBlock(ciphertext, 0, ciphertext.Length);
            return new object[]
            {
                publicKey.Modulus.BitLength,
                publicKey.Exponent.ToString(),
                publicKey.Modulus.ToString(16),
                ciphertext.Length,
                Encoding.UTF8.GetString(plaintext),
            };
        });

        o.Task("pem-write-public-key", () =>
        {
            var publicKey = new Ed25519PrivateKeyParameters(Hex.Decode(Ed25519Secret), 0).GeneratePublicKey();
            var text = new StringWriter();
            var pem = new PemWriter(text);
            pem.WriteObject(publicKey);
            pem.Writer.Flush();
            return text.ToString();
        });

        o.Task("pem-read-public-key", () =>
        {
            const string pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAPUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=\n-----END PUBLIC KEY-----\n";
            var reader = new PemReader(new StringReader(pem));
            var key = (Ed25519PublicKeyParameters)reader.ReadObject();
            return new object[] { key.IsPrivate, Hex.ToHexString(key.GetEncoded()) };
        });

        o.Task("pem-private-key-roundtrip", () =>
        {
            var domain = new ECDomainParameters(ECNamedCurveTable.GetByName("secp256k1"));
            var privateKey = new ECPrivateKeyParameters(new BigInteger("1234567890abcdef1234567890abcdef", 16), domain);
            var text = new StringWriter();
            var writer = new PemWriter(text);
            writer.WriteObject(new Pkcs8Generator(privateKey));
            writer.Writer.Flush();
            var pem = text.ToString();
            var read = (ECPrivateKeyParameters)new PemReader(new StringReader(pem)).ReadObject();
            return new object[] { pem.Split('\n')[0], read.D.ToString(16), read.Parameters.N.Equals(domain.N) };
        });

        o.Task("pem-read-garbage", () =>
        {
            var reader = new PemReader(new StringReader("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n"));
            return reader.ReadObject()?.ToString();
        });
    }
}
