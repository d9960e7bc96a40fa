import { compareCustomerIds, normalizeCustomerId, sortCustomerOrder } from "../../src/rfm/customerId";

describe("normalizeCustomerId", () => {
  test("numbers and numeric text are one customer, without a trailing .0", () => {
    expect(normalizeCustomerId(12346)).toBe("12346");
    expect(normalizeCustomerId(12346.0)).toBe("12346");
    expect(normalizeCustomerId("12346")).toBe("12346");
    expect(normalizeCustomerId("12346.0")).toBe("12346");
    expect(normalizeCustomerId(" 12346.00 ")).toBe("12346");
    expect(normalizeCustomerId("+12346")).toBe("12346");
    expect(normalizeCustomerId("12346.")).toBe("12346");
  });
  test("other text is trimmed and kept as written", () => {
    expect(normalizeCustomerId(" Brion Stark ")).toBe("Brion Stark");
    expect(normalizeCustomerId("007")).toBe("007");
    expect(normalizeCustomerId("12346.5")).toBe("12346.5");
    expect(normalizeCustomerId("C-12")).toBe("C-12");
    expect(normalizeCustomerId(12346.5)).toBe("12346.5");
  });
  test("empty cells are missing", () => {
    for (const v of ["", "   ", null, undefined, NaN]) expect(normalizeCustomerId(v)).toBeNull();
  });
});

describe("customer order", () => {
  test("numeric ids numerically, before text ids in code-unit order", () => {
    const ids = ["b", "100", "9", "A", "12346", "Zoe", "a", "10"];
    const order = sortCustomerOrder(ids);
    expect(Array.from(order, (k) => ids[k])).toEqual(["9", "10", "100", "12346", "A", "Zoe", "a", "b"]);
  });
  test("equal numeric values are ordered by their text", () => {
    expect(compareCustomerIds("7", "007")).toBeGreaterThan(0); // "007" < "7" in code units
    expect(compareCustomerIds("2", "10")).toBeLessThan(0);
    expect(compareCustomerIds("10", "x")).toBeLessThan(0);
    expect(compareCustomerIds("x", "x")).toBe(0);
  });
});
