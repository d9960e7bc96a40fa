import { resolveScheme, schemeLabels } from "../../src/rfm/schemes";
import { summarizeSegments } from "../../src/rfm/summary";

describe("summarizeSegments", () => {
  const scheme = resolveScheme("tiers4");
  const labels = schemeLabels(scheme);
  const idx = (label: string) => labels.indexOf(label);

  test("scheme order, fallback last, empty segments left out, shares and means", () => {
    const segment = [idx("Other"), idx("Top Customers"), idx("Other"), idx("Top Customers"), idx("Loyal Customers")];
    const s = summarizeSegments(scheme, labels, {
      segment,
      recency: [10, 1, 30, 3, 5],
      frequency: [1, 9, 1, 7, 4],
      monetary: [10, 500, 30, 300, 160],
    });
    expect(s.map((x) => x.label)).toEqual(["Top Customers", "Loyal Customers", "Other"]);
    const top = s[0];
    expect(top).toMatchObject({ customers: 2, customerShare: 0.4, revenue: 800, revenueShare: 0.8 });
    expect([top.meanRecency, top.meanFrequency, top.meanMonetary]).toEqual([2, 8, 400]);
    expect(s[2]).toMatchObject({ label: "Other", customers: 2, revenue: 40, meanRecency: 20 });
    expect(s[2].description).not.toBe("");
    expect(top.name).toBe("Top Customers");
  });

  test("zero total revenue gives revenue shares of 0, not NaN", () => {
    const s = summarizeSegments(scheme, labels, {
      segment: [idx("Other")],
      recency: [1],
      frequency: [1],
      monetary: [0],
    });
    expect(s[0].revenueShare).toBe(0);
  });
});
