/**
 * The boundary to Excel: error conversion (excel.ts), the stand-in global outside Excel (runtime.ts), and the
 * input-keyed cache of the transaction functions (transactions.ts), which must never serve a stale answer.
 */
import { FakeCustomFunctionError, installCustomFunctions, thrownBy } from "./customFunctionsGlobal";
import { FailedCell } from "../../src/functions/args";
import { excelMatrix, runFormula } from "../../src/functions/excel";
import { ensureCustomFunctionsGlobal, registeredFunctions } from "../../src/functions/runtime";
import { frequency, monetary, recency } from "../../src/functions/functions";
import { clearCustomerCache } from "../../src/functions/transactions";
import { RfmError } from "../../src/rfm";

const g = globalThis as unknown as { CustomFunctions?: unknown };

describe("excel.ts", () => {
  test("an RfmError becomes #VALUE! with its message", () => {
    const e = thrownBy(() =>
      runFormula(() => {
        throw new RfmError("badOption", "bins must be 2..10");
      }),
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("bins must be 2..10");
  });

  test("any other exception is #VALUE! saying it is an internal error, not a bare #VALUE!", () => {
    const e = thrownBy(() =>
      runFormula(() => {
        throw new TypeError("x is undefined");
      }),
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("Internal error: x is undefined");
  });

  test("cell errors become #VALUE! or #N/A in place; other cells pass through; long messages are cut", () => {
    const out = excelMatrix([["ok", new FailedCell("bad"), new FailedCell("none", "notAvailable"), 3]]);
    expect(out[0][0]).toBe("ok");
    expect(out[0][3]).toBe(3);
    expect((out[0][1] as FakeCustomFunctionError).code).toBe("#VALUE!");
    expect((out[0][2] as FakeCustomFunctionError).code).toBe("#N/A");
    const long = excelMatrix([[new FailedCell("x".repeat(400))]])[0][0] as FakeCustomFunctionError;
    expect(long.message!.length).toBe(250);
    expect(long.message!.endsWith("…")).toBe(true);
  });
});

describe("runtime.ts", () => {
  afterEach(() => installCustomFunctions());

  test("outside Excel a stand-in global records the associate calls the build appends", () => {
    delete g.CustomFunctions;
    ensureCustomFunctionsGlobal();
    const cf = g.CustomFunctions as {
      associate: (id: string, fn: unknown) => void;
      Error: new (code: string, message: string) => { code: string; message: string };
      ErrorCode: { invalidValue: string; notAvailable: string };
    };
    const fn = () => 1;
    cf.associate("SEGMENT", fn);
    expect(registeredFunctions.get("SEGMENT")).toBe(fn);
    const err = new cf.Error(cf.ErrorCode.notAvailable, "m");
    expect([err.code, err.message]).toEqual(["#N/A", "m"]);
  });

  test("a CustomFunctions global that is already there (Excel's) is left alone", () => {
    const mine = { marker: true };
    g.CustomFunctions = mine;
    ensureCustomFunctionsGlobal();
    expect(g.CustomFunctions).toBe(mine);
  });
});

describe("the input-keyed cache", () => {
  beforeEach(() => clearCustomerCache());
  const customers = [["A"], ["A"], ["B"]];

  test("a repeated call with equal columns gives the same answer; any changed cell gives a fresh one", () => {
    const invoices = [[1], [2], [3]];
    expect(frequency([["A"]], customers, invoices)).toEqual([[2]]);
    // Same content in new arrays, as Excel passes on every call.
    expect(
      frequency(
        [["A"]],
        customers.map((r) => [...r]),
        invoices.map((r) => [...r]),
      ),
    ).toEqual([[2]]);
    expect(frequency([["A"]], customers, [[1], [1], [3]])).toEqual([[1]]);
    expect(frequency([["A"]], [["A"], ["B"], ["B"]], invoices)).toEqual([[1]]);
    expect(frequency([["A"]], customers, invoices)).toEqual([[2]]);
  });

  test("functions with different columns never share an entry", () => {
    const q = [[2], [3], [4]];
    const p = [[1], [1], [1]];
    expect(monetary([["A"]], customers, q, p)).toEqual([[5]]);
    // Same quantities, now read as order amounts (no prices): same sum here, but with a price of 2 they differ.
    expect(monetary([["A"]], customers, q, [[2], [2], [2]])).toEqual([[10]]);
    expect(monetary([["A"]], customers, q)).toEqual([[5]]);
  });

  test("the snapshot is part of the key", () => {
    const dates = [[40544], [40545], [40546]]; // 2011-01-01, -02, -03
    expect(recency([["A"]], customers, dates)).toEqual([[2]]); // snapshot 2011-01-04
    expect(recency([["A"]], customers, dates, 40555)).toEqual([[10]]);
    expect(recency([["A"]], customers, dates)).toEqual([[2]]);
  });
});
