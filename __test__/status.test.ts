import test from "ava";
import {
  DotnetHostError,
  HostStatus,
  HostStatusError,
  InvalidArgumentError,
  ManagedHresult,
  UnsupportedHostVersionError,
  statusName,
  toHex,
} from "../lib/index.js";

test("status names and hex codes match the hosting documentation", (t) => {
  t.is(HostStatus.FrameworkMissingFailure, 0x80008096 | 0);
  t.is(toHex(HostStatus.FrameworkMissingFailure), "0x80008096");
  t.is(statusName(0x800080a5), "HostIncompatibleConfig");
  t.is(statusName(2), "Success_DifferentRuntimeProperties");
  t.is(statusName(ManagedHresult.TypeLoad), "TypeLoad");
  t.is(statusName(0x12345678), "Unknown(0x12345678)");
});

test("error classes form the documented hierarchy", (t) => {
  const unsupported = new UnsupportedHostVersionError("old", {
    code: "HostApiUnsupportedVersion",
    hresult: HostStatus.HostApiUnsupportedVersion,
    requiredVersion: "6.0",
  });
  t.true(unsupported instanceof HostStatusError);
  t.true(unsupported instanceof DotnetHostError);
  t.is(unsupported.name, "UnsupportedHostVersionError");
  t.is(unsupported.hresultHex, "0x800080a2");
  t.is(unsupported.requiredVersion, "6.0");
  const invalid = new InvalidArgumentError("bad");
  t.true(invalid instanceof TypeError);
  t.is(invalid.code, "InvalidArgument");
});
