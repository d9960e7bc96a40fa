import fc from "fast-check";
import { campaignCsv } from "../../src/rfm/campaign";
import { csvField, isFormulaText, neutralizeFormula } from "../../src/rfm/csvText";

describe("CSV fields are safe to open in a spreadsheet", () => {
  const hostile = [
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|'/C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "\t=x",
    "\r=x",
  ];

  test.each(hostile)("%p gets a leading single quote", (text) => {
    expect(neutralizeFormula(text)).toBe("'" + text);
    expect(isFormulaText(text)).toBe(true);
  });

  test.each(["-2.5", "+3", "-7", "1e-7", "-.5", "12346", "Zoë", "United Kingdom", "", "a=b"])(
    "%p is written as it is",
    (text) => {
      expect(neutralizeFormula(text)).toBe(text);
    },
  );

  test("numbers are never quoted or neutralized", () => {
    expect(csvField(-2.5)).toBe("-2.5");
    expect(csvField(Number.NaN)).toBe("");
  });

  test("quoting still applies after the quote is added", () => {
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField("\t=x")).toBe("'\t=x");
  });

  test("raw writes text exactly as it is", () => {
    expect(csvField("=1+1", true)).toBe("=1+1");
    expect(campaignCsv({ headers: ["CustomerID"], rows: [["=1+1"]] }, true)).toBe("CustomerID\n=1+1\n");
  });

  test("campaign lists neutralize formula-leading ids and countries", () => {
    const csv = campaignCsv({ headers: ["CustomerID", "Country"], rows: [["@SUM(1)", "=cmd|'/C calc'!A0"]] });
    expect(csv).toBe("CustomerID,Country\n'@SUM(1),'=cmd|'/C calc'!A0\n");
  });

  test("property: no field a spreadsheet reads starts a formula, and stripping the quote gives the text back", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = neutralizeFormula(text);
        if (out !== text) expect(out.slice(1)).toBe(text);
        // What a spreadsheet sees first: a quote (text), or a character that does not start a formula, or a number.
        expect(isFormulaText(out)).toBe(false);
      }),
    );
  });
});
