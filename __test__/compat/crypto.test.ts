// BouncyCastle.Cryptography 2.7.0 driven from TypeScript as Crypto/Tasks.cs drives it from C#.
import type { DotnetClass } from "../../index.js";
import { compat } from "./harness.js";

const { lib, task } = compat("Crypto");

const { Org } = lib.namespaces;
const {
  Digests,
  Macs,
  Modes,
  Engines,
  Parameters,
  Generators,
  Signers,
  Agreement,
  Encodings,
} = Org.BouncyCastle.Crypto;
const { Sha256Digest, Sha512Digest, Sha3Digest, Blake2bDigest } = Digests;
const { HMac } = Macs;
const { GcmBlockCipher, ChaCha20Poly1305 } = Modes;
const { AesEngine, RsaEngine } = Engines;
const {
  KeyParameter,
  AeadParameters,
  ParametersWithIV,
  ParametersWithRandom,
  Ed25519PrivateKeyParameters,
  Ed25519KeyGenerationParameters,
  ECDomainParameters,
  ECPrivateKeyParameters,
  ECPublicKeyParameters,
  ECKeyGenerationParameters,
  X25519PrivateKeyParameters,
  X25519PublicKeyParameters,
  RsaKeyGenerationParameters,
} = Parameters;
const {
  Pkcs5S2ParametersGenerator,
  SCrypt,
  Ed25519KeyPairGenerator,
  RsaKeyPairGenerator,
} = Generators;
const { PbeParametersGenerator } = Org.BouncyCastle.Crypto;
const { Ed25519Signer, ECDsaSigner, HMacDsaKCalculator } = Signers;
const { X25519Agreement } = Agreement;
const { OaepEncoding } = Encodings;
const {
  DigestUtilities,
  MacUtilities,
  CipherUtilities,
  ParameterUtilities,
  GeneratorUtilities,
  SignerUtilities,
  SecureRandom,
} = Org.BouncyCastle.Security;
const { Hex, Base64 } = Org.BouncyCastle.Utilities.Encoders;
const { BigInteger } = Org.BouncyCastle.Math;
const { ECNamedCurveTable } = Org.BouncyCastle.Asn1.X9;
const { PemWriter, PemReader, Pkcs8Generator } = Org.BouncyCastle.OpenSsl;
const StringWriter = lib.type("System.IO.StringWriter") as DotnetClass;
const StringReader = lib.type("System.IO.StringReader") as DotnetClass;

const aesKey = Hex.decode(
  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
);
const gcmNonce = Hex.decode("cafebabefacedbaddecaf888");

// RFC 8032, section 7.1, TEST 2.
const ed25519Secret =
  "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

const utf8 = (text: string) => Buffer.from(text, "utf8");

function gcmEncrypt(plaintext: Buffer, aad: Buffer): Buffer {
  const cipher = new GcmBlockCipher(new AesEngine());
  cipher.init(
    true,
    new AeadParameters(new KeyParameter(aesKey), 128, gcmNonce, aad),
  );
  const output = Buffer.alloc(cipher.getOutputSize(plaintext.length));
  const length = cipher.processBytes(plaintext, 0, plaintext.length, output, 0);
  cipher.doFinal(output, length);
  return output;
}

task("sha256-digest", () => {
  const input = utf8("abc");
  const digest = new Sha256Digest();
  digest.blockUpdate(input, 0, input.length);
  const output = Buffer.alloc(digest.getDigestSize());
  const written = digest.doFinal(output, 0);
  return [digest.algorithmName, written, output];
});

task("sha512-incremental", () => {
  const digest = new Sha512Digest();
  const part1 = utf8("The quick brown fox ");
  const part2 = utf8("jumps over the lazy dog");
  digest.blockUpdate(part1, 0, part1.length);
  digest.blockUpdate(part2, 0, part2.length);
  digest.update(".".charCodeAt(0));
  const output = Buffer.alloc(digest.getDigestSize());
  digest.doFinal(output, 0);
  // DoFinal resets the digest: hashing nothing now gives SHA-512("").
  const empty = Buffer.alloc(64);
  digest.doFinal(empty, 0);
  return [Hex.toHexString(output), Hex.toHexString(empty)];
});

task("digest-utilities", () => {
  const data = utf8("hello world");
  return [
    Hex.toHexString(DigestUtilities.calculateDigest("SHA-256", data)),
    Hex.toHexString(DigestUtilities.calculateDigest("SHA3-256", data)),
    Hex.toHexString(DigestUtilities.calculateDigest("MD5", data)),
    DigestUtilities.getDigest("SHA-1").algorithmName,
  ];
});

task("sha3-and-blake2b", () => {
  const data = utf8("abc");
  const sha3 = new Sha3Digest(512);
  sha3.blockUpdate(data, 0, data.length);
  const sha3Out = Buffer.alloc(sha3.getDigestSize());
  sha3.doFinal(sha3Out, 0);
  const blake = new Blake2bDigest(256);
  blake.blockUpdate(data, 0, data.length);
  const blakeOut = Buffer.alloc(blake.getDigestSize());
  blake.doFinal(blakeOut, 0);
  return [
    sha3.algorithmName,
    Hex.toHexString(sha3Out),
    blake.algorithmName,
    Hex.toHexString(blakeOut),
  ];
});

task("hmac-sha256", () => {
  // RFC 4231, test case 2.
  const key = Buffer.from("Jefe", "ascii");
  const data = Buffer.from("what do ya want for nothing?", "ascii");
  const hmac = new HMac(new Sha256Digest());
  hmac.init(new KeyParameter(key));
  hmac.blockUpdate(data, 0, data.length);
  const mac = Buffer.alloc(hmac.getMacSize());
  hmac.doFinal(mac, 0);
  return [hmac.algorithmName, Hex.toHexString(mac)];
});

task("mac-utilities", () => {
  const key = new KeyParameter(Buffer.from("secret-key", "ascii"));
  const mac = MacUtilities.calculateMac("HMAC-SHA512", key, utf8("payload"));
  return Base64.toBase64String(mac);
});

task("aes-gcm-encrypt", () => {
  const ciphertext = gcmEncrypt(utf8("attack at dawn"), utf8("header"));
  return [ciphertext.length, Hex.toHexString(ciphertext)];
});

task("aes-gcm-decrypt", () => {
  const aad = utf8("header");
  const ciphertext = gcmEncrypt(utf8("attack at dawn"), aad);
  const cipher = new GcmBlockCipher(new AesEngine());
  cipher.init(
    false,
    new AeadParameters(new KeyParameter(aesKey), 128, gcmNonce, aad),
  );
  const plaintext = Buffer.alloc(cipher.getOutputSize(ciphertext.length));
  let length = cipher.processBytes(
    ciphertext,
    0,
    ciphertext.length,
    plaintext,
    0,
  );
  length += cipher.doFinal(plaintext, length);
  return [
    length,
    plaintext.toString("utf8", 0, length),
    Hex.toHexString(cipher.getMac()),
  ];
});

task("aes-gcm-tampered-tag", () => {
  const aad = utf8("header");
  const ciphertext = gcmEncrypt(utf8("attack at dawn"), aad);
  const last = ciphertext.length - 1;
  ciphertext[last] = ciphertext[last]! ^ 0x01;
  const cipher = new GcmBlockCipher(new AesEngine());
  cipher.init(
    false,
    new AeadParameters(new KeyParameter(aesKey), 128, gcmNonce, aad),
  );
  const plaintext = Buffer.alloc(cipher.getOutputSize(ciphertext.length));
  const length = cipher.processBytes(
    ciphertext,
    0,
    ciphertext.length,
    plaintext,
    0,
  );
  cipher.doFinal(plaintext, length);
  return "not reached";
});

task("aes-cbc-cipher-utilities", () => {
  const iv = Hex.decode("000102030405060708090a0b0c0d0e0f");
  const cipher = CipherUtilities.getCipher("AES/CBC/PKCS7Padding");
  cipher.init(
    true,
    new ParametersWithIV(
      ParameterUtilities.createKeyParameter("AES", aesKey),
      iv,
    ),
  );
  const ciphertext = cipher.doFinal(utf8("Sixteen byte msg plus a tail"));
  cipher.init(
    false,
    new ParametersWithIV(
      ParameterUtilities.createKeyParameter("AES", aesKey),
      iv,
    ),
  );
  const plaintext = cipher.doFinal(ciphertext);
  return [
    cipher.algorithmName,
    Hex.toHexString(ciphertext),
    plaintext.toString("utf8"),
  ];
});

task("aes-engine-block", () => {
  // FIPS-197, appendix C.1.
  const engine = new AesEngine();
  engine.init(
    true,
    new KeyParameter(Hex.decode("000102030405060708090a0b0c0d0e0f")),
  );
  const input = Hex.decode("00112233445566778899aabbccddeeff");
  const output = Buffer.alloc(16);
  const processed = engine.processBlock(input, 0, output, 0);
  return [engine.getBlockSize(), processed, Hex.toHexString(output)];
});

task("aes-bad-key-length", () => {
  const engine = new AesEngine();
  engine.init(true, new KeyParameter(Buffer.alloc(5)));
  return "not reached";
});

task("chacha20-poly1305", () => {
  const cipher = new ChaCha20Poly1305();
  cipher.init(
    true,
    new AeadParameters(new KeyParameter(aesKey), 128, gcmNonce),
  );
  const plaintext = utf8("ChaCha20 and Poly1305");
  const output = Buffer.alloc(cipher.getOutputSize(plaintext.length));
  let length = cipher.processBytes(plaintext, 0, plaintext.length, output, 0);
  length += cipher.doFinal(output, length);
  return [length, Hex.toHexString(output)];
});

task("pbkdf2-sha256", () => {
  const generator = new Pkcs5S2ParametersGenerator(new Sha256Digest());
  const password = PbeParametersGenerator.pkcs5PasswordToUtf8Bytes(
    "password".split(""),
  );
  generator.init(password, Buffer.from("salt", "ascii"), 4096);
  const key = generator.generateDerivedMacParameters(256);
  return [key.keyLength, Hex.toHexString(key.getKey())];
});

task("scrypt", () => {
  // RFC 7914, section 12, second vector.
  const key = SCrypt.generate(
    Buffer.from("password", "ascii"),
    Buffer.from("NaCl", "ascii"),
    1024,
    8,
    16,
    64,
  );
  return Hex.toHexString(key);
});

task("hex-encoder", () => {
  const data = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x7f]);
  return [
    Hex.toHexString(data),
    Hex.toHexString(data, true),
    Hex.toHexString(data, 1, 3),
    Hex.decode("CAFEbabe"),
    Hex.encode(data).toString("ascii"),
  ];
});

task("hex-decode-invalid", () => Hex.decodeStrict("abc"));

task("base64-encoder", () => {
  const data = utf8("any carnal pleasure.");
  return [
    Base64.toBase64String(data),
    Base64.encode(data),
    Base64.decode("aGVsbG8gd29ybGQ=").toString("utf8"),
    Base64.toBase64String(data, 4, 6),
  ];
});

task("biginteger-arithmetic", () => {
  const a = new BigInteger("123456789012345678901234567890");
  const b = BigInteger.valueOf(987654321);
  return [
    a.add(b).toString(),
    a.subtract(b).toString(),
    a.multiply(b).toString(),
    a.divide(b).toString(),
    a.mod(b).toString(),
    a.toString(16),
    a.bitLength,
    a.negate().abs().equals(a),
    a.compareTo(b),
    b.pow(3).toString(),
    new BigInteger("ff", 16).intValue,
  ];
});

task("biginteger-textbook-rsa", () => {
  const p = new BigInteger("61");
  const q = new BigInteger("53");
  const n = p.multiply(q);
  const phi = p.subtract(BigInteger.one).multiply(q.subtract(BigInteger.one));
  const e = BigInteger.valueOf(17);
  const d = e.modInverse(phi);
  const message = BigInteger.valueOf(65);
  const ciphertext = message.modPow(e, n);
  const decrypted = ciphertext.modPow(d, n);
  return [
    n.toString(),
    d.toString(),
    ciphertext.toString(),
    decrypted.toString(),
    e.gcd(phi).toString(),
  ];
});

task("biginteger-divide-and-remainder", () => {
  const dividend = new BigInteger("1000000000000000000000007");
  const parts = dividend.divideAndRemainder(
    BigInteger.valueOf(1_000_000_000_000n),
  );
  return [
    parts.length.toString(),
    parts.getItem(0).toString(),
    parts.getItem(1).toString(),
  ];
});

task("biginteger-bytes-and-primes", () => {
  const fromBytes = new BigInteger(1, Hex.decode("0100ff"));
  const mersenne = BigInteger.one.shiftLeft(127).subtract(BigInteger.one);
  return [
    fromBytes.toString(),
    fromBytes.toByteArrayUnsigned(),
    mersenne.isProbablePrime(50),
    mersenne.add(BigInteger.two).isProbablePrime(50),
    BigInteger.valueOf(1000).nextProbablePrime().toString(),
    mersenne.testBit(126),
    mersenne.bitCount,
  ];
});

task("ed25519-sign-fixed-key", () => {
  const privateKey = new Ed25519PrivateKeyParameters(
    Hex.decode(ed25519Secret),
    0,
  );
  const publicKey = privateKey.generatePublicKey();
  const message = Hex.decode("72");
  const signer = new Ed25519Signer();
  signer.init(true, privateKey);
  signer.blockUpdate(message, 0, message.length);
  const signature = signer.generateSignature();
  const verifier = new Ed25519Signer();
  verifier.init(false, publicKey);
  verifier.blockUpdate(message, 0, message.length);
  return [
    Hex.toHexString(publicKey.getEncoded()),
    Hex.toHexString(signature),
    verifier.verifySignature(signature),
  ];
});

task("ed25519-generated-keypair", () => {
  const generator = new Ed25519KeyPairGenerator();
  generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
  const keyPair = generator.generateKeyPair();
  const message = utf8("sign me");
  const signer = new Ed25519Signer();
  signer.init(true, keyPair.private);
  signer.blockUpdate(message, 0, message.length);
  const signature = signer.generateSignature();
  const verifier = new Ed25519Signer();
  verifier.init(false, keyPair.public);
  verifier.blockUpdate(message, 0, message.length);
  const valid = verifier.verifySignature(signature);
  verifier.reset();
  const tampered = utf8("sign me!");
  verifier.blockUpdate(tampered, 0, tampered.length);
  const forged = verifier.verifySignature(signature);
  return [
    keyPair.private.isPrivate,
    keyPair.public.getEncoded().length,
    signature.length,
    valid,
    forged,
  ];
});

task("ecdsa-rfc6979", () => {
  // RFC 6979, A.2.5: P-256, SHA-256, message "sample".
  const curve = ECNamedCurveTable.getByName("P-256");
  const domain = new ECDomainParameters(curve);
  const d = new BigInteger(
    "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
    16,
  );
  const privateKey = new ECPrivateKeyParameters(d, domain);
  const q = domain.g.multiply(d).normalize();
  const publicKey = new ECPublicKeyParameters(q, domain);
  const hash = DigestUtilities.calculateDigest("SHA-256", utf8("sample"));
  const signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
  signer.init(true, privateKey);
  const [r, s] = signer.generateSignature(hash);
  const verifier = new ECDsaSigner();
  verifier.init(false, publicKey);
  return [
    q.affineXCoord.toBigInteger().toString(16),
    r.toString(16),
    s.toString(16),
    verifier.verifySignature(hash, r, s),
    verifier.verifySignature(hash, r, s.add(BigInteger.one)),
  ];
});

task("ecdsa-signer-utilities", () => {
  const generator = GeneratorUtilities.getKeyPairGenerator("EC");
  generator.init(
    new ECKeyGenerationParameters(
      ECNamedCurveTable.getOid("secp256r1"),
      new SecureRandom(),
    ),
  );
  const keyPair = generator.generateKeyPair();
  const message = utf8("transfer 100 coins");
  const signer = SignerUtilities.getSigner("SHA-256withECDSA");
  signer.init(true, keyPair.private);
  signer.blockUpdate(message, 0, message.length);
  const signature = signer.generateSignature();
  const verifier = SignerUtilities.getSigner("SHA-256withECDSA");
  verifier.init(false, keyPair.public);
  verifier.blockUpdate(message, 0, message.length);
  return [
    verifier.algorithmName,
    signature[0],
    verifier.verifySignature(signature),
  ];
});

task("x25519-agreement", () => {
  // RFC 7748, section 6.1.
  const alice = new X25519PrivateKeyParameters(
    Hex.decode(
      "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
    ),
  );
  const bob = new X25519PublicKeyParameters(
    Hex.decode(
      "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
    ),
  );
  const agreement = new X25519Agreement();
  agreement.init(alice);
  const secret = Buffer.alloc(agreement.agreementSize);
  agreement.calculateAgreement(bob, secret, 0);
  return [
    Hex.toHexString(alice.generatePublicKey().getEncoded()),
    Hex.toHexString(secret),
  ];
});

task("secure-random-seeded", () => {
  const random = SecureRandom.getInstance("SHA256PRNG", false);
  random.setSeed(Buffer.from("a fixed seed for tests", "ascii"));
  const bytes = Buffer.alloc(16);
  random.nextBytes(bytes);
  return [bytes, random.next(1000), SecureRandom.getNextBytes(random, 4)];
});

task("rsa-oaep-seeded-key", () => {
  const random = SecureRandom.getInstance("SHA256PRNG", false);
  random.setSeed(Buffer.from("rsa key seed", "ascii"));
  const generator = new RsaKeyPairGenerator();
  generator.init(
    new RsaKeyGenerationParameters(BigInteger.valueOf(65537), random, 1024, 80),
  );
  const keyPair = generator.generateKeyPair();
  const publicKey = keyPair.public;
  const encrypt = new OaepEncoding(new RsaEngine(), new Sha256Digest());
  encrypt.init(true, new ParametersWithRandom(publicKey, random));
  const message = utf8("wrapped key");
  const ciphertext = encrypt.processBlock(message, 0, message.length);
  const decrypt = new OaepEncoding(new RsaEngine(), new Sha256Digest());
  decrypt.init(false, keyPair.private);
  const plaintext = decrypt.processBlock(ciphertext, 0, ciphertext.length);
  return [
    publicKey.modulus.bitLength,
    publicKey.exponent.toString(),
    publicKey.modulus.toString(16),
    ciphertext.length,
    plaintext.toString("utf8"),
  ];
});

task("pem-write-public-key", () => {
  const publicKey = new Ed25519PrivateKeyParameters(
    Hex.decode(ed25519Secret),
    0,
  ).generatePublicKey();
  const text = new StringWriter();
  const pem = new PemWriter(text);
  pem.writeObject(publicKey);
  pem.writer.flush();
  return text.toString();
});

task("pem-read-public-key", () => {
  const pem =
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAPUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=\n-----END PUBLIC KEY-----\n";
  const reader = new PemReader(new StringReader(pem));
  const key = reader.readObject();
  return [key.isPrivate, Hex.toHexString(key.getEncoded())];
});

task("pem-private-key-roundtrip", () => {
  const domain = new ECDomainParameters(
    ECNamedCurveTable.getByName("secp256k1"),
  );
  const privateKey = new ECPrivateKeyParameters(
    new BigInteger("1234567890abcdef1234567890abcdef", 16),
    domain,
  );
  const text = new StringWriter();
  const writer = new PemWriter(text);
  writer.writeObject(new Pkcs8Generator(privateKey));
  writer.writer.flush();
  const pem: string = text.toString();
  const read = new PemReader(new StringReader(pem)).readObject();
  return [
    pem.split("\n")[0],
    read.d.toString(16),
    read.parameters.n.equals(domain.n),
  ];
});

task("pem-read-garbage", () => {
  const reader = new PemReader(
    new StringReader(
      "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n",
    ),
  );
  return reader.readObject()?.toString();
});
