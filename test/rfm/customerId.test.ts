import { analyze } from "../../src/rfm/analyze";
import { compareCustomerIds, isNullLikeId, normalizeCustomerId, sortCustomerOrder } from "../../src/rfm/customerId";

describe("null-like ids are missing ids", () => {
  const nullLike = [
    "nan",
    "NaN",
    "NULL",
    "null",
    "N/A",
    "n/a",
    "NA",
    "#N/A",
    "None",
    "-",
    " - ",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NAME?",
  ];
  test.each(nullLike)("%p is no customer", (text) => {
    expect(normalizeCustomerId(text)).toBeNull();
  });
  test.each(["NAB", "Nancy", "-1", "--", "#1", "#N/A2", "none1", "0"])("%p is an id", (text) => {
    expect(isNullLikeId(text.trim())).toBe(false);
    expect(normalizeCustomerId(text)).not.toBeNull();
  });
  test("rows with null-like ids are counted among the rows without a customer, not made customers", () => {
    const ids = ["A", "nan", "NULL", "N/A", "#N/A", "None", "-", "B"];
    const result = analyze([
      ["Customer", "Date", "Amount"],
      ...ids.map((id, i) => [id, `2011-01-${String(i + 1).padStart(2, "0")}`, 10]),
    ]);
    expect(result.customers.map((c) => c.id).sort()).toEqual(["A", "B"]);
    const missing = result.exclusions.find((e) => e.rule === "missingCustomer");
    expect(missing?.count).toBe(6);
  });
});

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
