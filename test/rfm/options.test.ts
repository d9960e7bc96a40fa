import { normalizeOptions } from "../../src/rfm";

describe("normalizeOptions", () => {
  test("drops unset values: undefined, null, blank text, empty mapping and cleaning", () => {
    expect(
      normalizeOptions({
        mapping: {},
        cleaning: { dropMissingCustomer: undefined },
        snapshot: "  ",
        scheme: "",
        bins: null,
        scoring: "",
        preset: null,
        dateSystem: "",
        dateOrder: undefined,
        monetarySource: null,
        headerRowNumber: null,
      }),
    ).toEqual({});
  });

  test("keeps set values as they are, a switched-off mapping entry included", () => {
    expect(
      normalizeOptions({
        mapping: { customer: "Client", country: "", invoice: null, date: undefined },
        cleaning: { dropNegativeQuantity: true },
        snapshot: " 2011-12-10 ",
        bins: 10,
        scoring: "rank",
        scheme: "tiers4",
        preset: "r-rfm",
        dateSystem: "1904",
        dateOrder: "mdy",
        monetarySource: "amount",
        headerRowNumber: 3,
      }),
    ).toEqual({
      mapping: { customer: "Client", country: "", invoice: "" },
      cleaning: { dropNegativeQuantity: true },
      snapshot: "2011-12-10",
      bins: 10,
      scoring: "rank",
      scheme: "tiers4",
      preset: "r-rfm",
      dateSystem: "1904",
      dateOrder: "mdy",
      monetarySource: "amount",
      headerRowNumber: 3,
    });
  });

  test("cut-points only with fixed scoring; a numeric or Date snapshot passes through", () => {
    const cuts = { recency: [30, 90, 180, 365] };
    expect(normalizeOptions({ scoring: "quantile", cutPoints: cuts })).toEqual({ scoring: "quantile" });
    expect(normalizeOptions({ scoring: "fixed", cutPoints: cuts })).toEqual({ scoring: "fixed", cutPoints: cuts });
    const d = new Date(0);
    expect(normalizeOptions({ snapshot: 0 })).toEqual({ snapshot: 0 });
    expect(normalizeOptions({ snapshot: d }).snapshot).toBe(d);
  });
});
