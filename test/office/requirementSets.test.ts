/**
 * Requirement sets: does the simulation refuse exactly what an older Excel would refuse?
 *
 * The adapter's tests run the simulation at ExcelApi 1.6/1.7/1.9 so that a member used without feature detection
 * fails with ApiNotFound. That only works if the simulation's "since" annotations are right, so they are checked here
 * against the authoritative source, the `[Api set: ExcelApi 1.x]` note in each member's doc comment in
 * @types/office-js:
 *
 * 1. Scan. The TypeScript compiler resolves every property access, method call, `load("a,b/c")` path and enum string
 *    in src/office/*.ts to its declaration; members of `declare namespace Excel` classes and enums are the adapter's
 *    Excel members, each with the Api set of the declaration it resolved to (the overload actually called).
 * 2. Probe. `PROBES` holds, per adapter member, a minimal batch that uses it. Each probe runs on a fresh workbook at
 *    ExcelApi 1.1, 1.2, … until it runs without ApiNotFound (and at 1.17): that lowest version is the simulation's
 *    effective gate. The same scan applied to the probe's own code (and the local helpers it calls) gives the highest
 *    Api set among the members it touches: the version real Excel needs for that batch. The two must be equal. A gate
 *    below it is the dangerous case (the adapter could use the member unguarded and its tests would not notice);
 *    above it, the simulation refuses what Excel allows.
 * 3. Flows. The adapter's entry points run at ExcelApi 1.7 (the manifest's minimum) and at each higher version one
 *    of its members needs, and at 1.17: no request may fail with ApiNotFound (also not one the adapter catches and
 *    turns into a warning), a member is sent only from its version on, and is sent once its version is reached (so
 *    the flows really exercise it); at 1.7 the run completes with its documented degradations (no slicer and a
 *    warning saying why, no screen-updating suspension).
 *
 * 4. Tables. Beyond the adapter's members, every property and navigation property the simulation models (its proxy
 *    classes' `meta` tables, reached from the workbook and a range) must become available exactly at the d.ts's
 *    version, counting the gates on the way to the object (a conditional format's `colorScale` is reached through
 *    `Range.conditionalFormats`, 1.6). Methods have no table; the adapter's are covered by the probes.
 *
 * Not probed, asserted instead: enum values (the simulation gates members, not argument values) and
 * parameter-dependent parts of a set ("1.4 allows name parameter") other than the reviewed `VARIANTS` must be within
 * the adapter's minimum.
 *
 * Cost: compiling src/office with the type checker (the office-js d.ts dominates), about 300 probe runs on the
 * fixture, and the flows on the 23-row fixture at 4 versions. Example failure message:
 * "Range.left: simulation gate 1.3, Excel (d.ts) 1.10 — EARLIER than Excel: the adapter could use it unguarded".
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import {
  SimError,
  SimObject,
  createExcelHost,
  type ExcelHost,
  type SyncRecord,
  type Meta,
  type WorkbookModel,
} from "excel-sim";
import {
  detectSource,
  loadSettings,
  MIN_EXCEL_API,
  readCustomScheme,
  runSegmentation,
  saveSettings,
} from "../../src/office";
import { exportCampaignList, sqlForWorkbook } from "../../src/office/campaignList";
import { compareSegmentation } from "../../src/office/migrationSheet";
import { resolveScheme, schemeToTable } from "../../src/rfm";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";

const ROOT = path.resolve(__dirname, "../..");
const OFFICE_DIR = path.join(ROOT, "src", "office");

// ---------------------------------------------------------------------------------------------------------------
// The d.ts side

/** A member's requirement set as its doc comment states it. */
interface ApiSet {
  /** The version the member needs (for properties: to read it). */
  since: string;
  /** The version setting it needs, when the note gives one ("1.1 for get, 1.8 for set"). */
  setSince?: string;
  /** The note as written after "ExcelApi ", e.g. "1.1 for getting the name; 1.4 for setting it." */
  note: string;
  /** The highest version any note of the member mentions, parameter notes included. */
  highest: string;
}

type Kind = "get" | "set" | "call" | "enum";

/** An Excel member used somewhere, keyed "Class.member" (read), "Class.member =" (write), "Class.member()" (call),
 *  "Enum.member" (an enum value, usually passed as its string). */
interface Use {
  key: string;
  kind: Kind;
  /** undefined: the declaration has no ExcelApi note (load, items, context, …). */
  api: ApiSet | undefined;
  sites: string[];
}

const VERSIONS = Array.from({ length: 17 }, (_, i) => `1.${i + 1}`);

function cmpVersion(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

const maxVersion = (vs: string[]): string => vs.reduce((a, b) => (cmpVersion(a, b) >= 0 ? a : b), "1.1");

/** The version a use needs: the setter's for writes, else the member's; no note = available from the start. */
function needed(u: Use): string {
  if (!u.api) return "1.1";
  return u.kind === "set" ? (u.api.setSince ?? u.api.since) : u.api.since;
}

/** Reads the `[Api set: ExcelApi …]` note of a declaration's own doc comment (the one after `@remarks`; notes in
 *  `@param` lines are parameter variants and only count towards `highest`). "ExcelApiOnline"/"ExcelApiDesktop" sets
 *  do not match: they are not ExcelApi. */
function apiSetOf(node: ts.Node): ApiSet | undefined {
  const sf = node.getSourceFile();
  const doc = sf.text.slice(node.getFullStart(), node.getStart(sf));
  const remarks = doc.indexOf("@remarks");
  if (remarks < 0) return undefined;
  const own = /\[Api set: ExcelApi (\d+\.\d+)([^\]]*)\]/.exec(doc.slice(remarks));
  if (!own) return undefined;
  const note = `${own[1]}${own[2]}`;
  const mentioned = [...doc.matchAll(/\[Api set: ExcelApi ([^\]]*)\]/g)].flatMap((m) => m[1].match(/\d+\.\d+/g) ?? []);
  const set = /(\d+\.\d+) for set(?:ting)?\b/.exec(note);
  return { since: own[1], setSince: set?.[1], note, highest: maxVersion([own[1], ...mentioned]) };
}

/** The class or enum a declaration is a member of, when that type sits directly in a top-level
 *  `declare namespace Excel` (not `Excel.Interfaces`, not `OfficeExtension`). */
function excelOwner(decl: ts.Node | undefined): string | undefined {
  const owner = decl?.parent;
  if (!owner || !(ts.isClassDeclaration(owner) || ts.isEnumDeclaration(owner)) || !owner.name) return undefined;
  const block = owner.parent;
  const ns = block?.parent;
  if (!ts.isModuleBlock(block) || !ns || !ts.isModuleDeclaration(ns)) return undefined;
  if (!ts.isIdentifier(ns.name) || ns.name.text !== "Excel" || !ts.isSourceFile(ns.parent)) return undefined;
  return owner.name.text;
}

// ---------------------------------------------------------------------------------------------------------------
// The scan

class UseCollector {
  readonly uses = new Map<string, Use>();
  /** Places the scan could not resolve (a load() with a computed argument, a path that is no Excel member). */
  readonly unresolved: string[] = [];
  private readonly followed = new Set<ts.Node>();

  constructor(private readonly checker: ts.TypeChecker) {}

  private record(decl: ts.Node, member: string, kind: Kind, site: string): void {
    const cls = excelOwner(decl);
    if (!cls) return;
    const key = `${cls}.${member}${kind === "set" ? " =" : kind === "call" ? "()" : ""}`;
    let u = this.uses.get(key);
    if (!u) {
      u = { key, kind, api: apiSetOf(decl), sites: [] };
      this.uses.set(key, u);
    }
    if (!u.sites.includes(site)) u.sites.push(site);
  }

  private site(n: ts.Node): string {
    const sf = n.getSourceFile();
    return `${path.basename(sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  }

  /** `x.load("a,b/c")`: each step of each path is a read of that member of the type reached so far. */
  private loadPaths(receiver: ts.Type, arg: ts.Expression): void {
    const strings: string[] = [];
    if (ts.isStringLiteralLike(arg)) strings.push(arg.text);
    else if (ts.isArrayLiteralExpression(arg) && arg.elements.every(ts.isStringLiteralLike))
      strings.push(...arg.elements.map((e) => (e as ts.StringLiteralLike).text));
    else {
      this.unresolved.push(`${this.site(arg)}: load(${arg.getText()}) — not a literal the scan can follow`);
      return;
    }
    for (const p of strings.flatMap((s) => s.split(",")).map((s) => s.trim())) {
      if (!p) continue;
      let t: ts.Type = receiver;
      for (const step of p.split("/")) {
        const prop = t.getProperty(step);
        const decl = prop?.declarations?.[0];
        if (!prop || !decl || !excelOwner(decl)) {
          this.unresolved.push(`${this.site(arg)}: load path '${p}' (no Excel member '${step}')`);
          break;
        }
        this.record(decl, step, "get", this.site(arg));
        t = this.checker.getTypeOfSymbol(prop);
        if (this.checker.isArrayType(t)) t = this.checker.getTypeArguments(t as ts.TypeReference)[0];
      }
    }
  }

  /** Excel enum members whose string value is `text`, among the parts of `type`. */
  private enumMembers(type: ts.Type | undefined, text: string): ts.EnumMember[] {
    if (!type) return [];
    const parts = type.isUnion() ? type.types : [type];
    const out: ts.EnumMember[] = [];
    for (const t of parts) {
      if (!(t.flags & ts.TypeFlags.EnumLiteral) || !t.isStringLiteral() || t.value !== text) continue;
      const decl = t.symbol?.declarations?.[0];
      if (decl && ts.isEnumMember(decl) && excelOwner(decl)) out.push(decl);
    }
    return out;
  }

  /** A string literal that stands for an Excel enum value: from its contextual type, or, as an argument of an
   *  overloaded Excel method (one overload takes the enum, another the plain strings), from any overload's
   *  parameter at that position. */
  private enumLiteral(n: ts.StringLiteralLike): void {
    let found = this.enumMembers(this.checker.getContextualType(n as ts.Expression), n.text);
    const call = n.parent;
    if (found.length === 0 && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression)) {
      const index = call.arguments.indexOf(n as ts.Expression);
      const decls = this.checker.getSymbolAtLocation(call.expression.name)?.declarations ?? [];
      for (const d of decls) {
        if (!excelOwner(d) || !ts.isMethodDeclaration(d) || index < 0 || index >= d.parameters.length) continue;
        const p = d.parameters[index];
        found = found.concat(this.enumMembers(this.checker.getTypeAtLocation(p), n.text));
      }
    }
    for (const m of found.slice(0, 1)) this.record(m, m.name.getText(), "enum", this.site(n));
  }

  visit(node: ts.Node): void {
    const walk = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n)) {
        const parent = n.parent;
        const isCall = ts.isCallExpression(parent) && parent.expression === n;
        const isSet =
          ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
        let decl: ts.Node | undefined = this.checker.getSymbolAtLocation(n.name)?.declarations?.[0];
        if (isCall) decl = this.checker.getResolvedSignature(parent as ts.CallExpression)?.declaration ?? decl;
        if (decl && excelOwner(decl)) {
          this.record(decl, n.name.text, isCall ? "call" : isSet ? "set" : "get", this.site(n));
          if (isCall && n.name.text === "load") {
            const receiver = this.checker.getTypeAtLocation(n.expression);
            for (const arg of (parent as ts.CallExpression).arguments) this.loadPaths(receiver, arg);
          }
        }
      }
      if (ts.isStringLiteralLike(n)) this.enumLiteral(n);
      // A call of a helper function declared in the same file: its body counts as part of the scanned code.
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const d = this.checker.getSymbolAtLocation(n.expression)?.declarations?.[0];
        if (d && ts.isFunctionDeclaration(d) && d.getSourceFile() === n.getSourceFile() && !this.followed.has(d)) {
          this.followed.add(d);
          if (d.body) walk(d.body);
        }
      }
      ts.forEachChild(n, walk);
    };
    walk(node);
  }
}

interface ScanResult {
  /** Every member of every class in `declare namespace Excel`, "Class.member" → its set (the first overload's). */
  dts: Map<string, ApiSet | undefined>;
  /** What src/office uses. */
  office: UseCollector;
  /** What each probe touches, by probe key. */
  probes: Map<string, UseCollector>;
}

function scan(): ScanResult {
  const officeFiles = fs
    .readdirSync(OFFICE_DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(OFFICE_DIR, f));
  const program = ts.createProgram([...officeFiles, __filename], {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    lib: ["lib.es2020.d.ts"],
    types: ["office-js"],
  });
  const checker = program.getTypeChecker();
  const dts = new Map<string, ApiSet | undefined>();
  const dtsFile = program.getSourceFiles().find((f) => /[\\/]@types[\\/]office-js[\\/]index\.d\.ts$/.test(f.fileName));
  for (const ns of dtsFile?.statements ?? []) {
    if (!ts.isModuleDeclaration(ns) || ns.name.getText() !== "Excel" || !ns.body || !ts.isModuleBlock(ns.body))
      continue;
    for (const st of ns.body.statements) {
      if (!ts.isClassDeclaration(st) || !st.name) continue;
      for (const m of st.members) {
        const key = m.name && ts.isIdentifier(m.name) ? `${st.name.text}.${m.name.text}` : undefined;
        if (key && !dts.has(key)) dts.set(key, apiSetOf(m));
      }
    }
  }
  const office = new UseCollector(checker);
  for (const f of officeFiles) office.visit(program.getSourceFile(f)!);

  // This file's PROBES object: one collector per entry.
  const probes = new Map<string, UseCollector>();
  const self = program.getSourceFile(__filename)!;
  const visitDecl = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === "PROBES" && n.initializer) {
      let init: ts.Expression = n.initializer;
      while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) return;
      for (const p of init.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.name)) continue;
        const c = new UseCollector(checker);
        c.visit(p.initializer);
        probes.set(p.name.text, c);
      }
    }
    ts.forEachChild(n, visitDecl);
  };
  visitDecl(self);
  return { dts, office, probes };
}

// ---------------------------------------------------------------------------------------------------------------
// Probes: per adapter member, a minimal batch using it on the fixture workbook (see `fixture`). Keys are the scan's.
// Objects are reached through the helpers below (followed by the scan, so their members count too).

type Probe = (ctx: Excel.RequestContext) => void;

function dataSheet(ctx: Excel.RequestContext): Excel.Worksheet {
  return ctx.workbook.worksheets.getItem("Data");
}
function salesTable(ctx: Excel.RequestContext): Excel.Table {
  return ctx.workbook.tables.getItem("Sales");
}
function barsChart(ctx: Excel.RequestContext): Excel.Chart {
  return dataSheet(ctx).charts.getItem("Bars");
}
function segSlicer(ctx: Excel.RequestContext): Excel.Slicer {
  return ctx.workbook.slicers.getItem("Seg");
}
function colorScale(ctx: Excel.RequestContext): Excel.ConditionalFormat {
  return dataSheet(ctx).getRange("C2:C4").conditionalFormats.add("ColorScale");
}

const PROBES: Record<string, Probe> = {
  "Application.suspendApiCalculationUntilNextSync()": (ctx) =>
    ctx.workbook.application.suspendApiCalculationUntilNextSync(),
  "Application.suspendScreenUpdatingUntilNextSync()": (ctx) =>
    ctx.workbook.application.suspendScreenUpdatingUntilNextSync(),
  "Chart.legend": (ctx) => void barsChart(ctx).legend.load("visible"),
  "Chart.series": (ctx) => void barsChart(ctx).series.load("items/name"),
  "ChartSeriesCollection.getItemAt()": (ctx) => void barsChart(ctx).series.getItemAt(0).load("name"),
  "ChartSeries.format": (ctx) => barsChart(ctx).series.getItemAt(0).format.fill.setSolidColor("#117733"),
  "ChartSeriesFormat.fill": (ctx) => barsChart(ctx).series.getItemAt(0).format.fill.setSolidColor("#117733"),
  "ChartFill.setSolidColor()": (ctx) => barsChart(ctx).series.getItemAt(0).format.fill.setSolidColor("#117733"),
  "ChartSeries.points": (ctx) => void barsChart(ctx).series.getItemAt(0).points.load("count"),
  "ChartPointsCollection.getItemAt()": (ctx) => void barsChart(ctx).series.getItemAt(0).points.getItemAt(0).load(),
  "ChartPoint.format": (ctx) =>
    barsChart(ctx).series.getItemAt(0).points.getItemAt(0).format.fill.setSolidColor("#117733"),
  "ChartPointFormat.fill": (ctx) =>
    barsChart(ctx).series.getItemAt(0).points.getItemAt(0).format.fill.setSolidColor("#117733"),
  "Chart.setPosition()": (ctx) => barsChart(ctx).setPosition("F1", "L12"),
  "Chart.title": (ctx) => void barsChart(ctx).title.load("text"),
  "ChartCollection.add()": (ctx) =>
    void dataSheet(ctx).charts.add("ColumnClustered", dataSheet(ctx).getRange("A1:C4"), "Columns"),
  "ChartLegend.visible =": (ctx) => (barsChart(ctx).legend.visible = false),
  "ChartTitle.text =": (ctx) => (barsChart(ctx).title.text = "Sales"),
  "ColorScaleConditionalFormat.criteria =": (ctx) =>
    (colorScale(ctx).colorScale.criteria = {
      minimum: { type: "LowestValue", color: "#F8696B" },
      maximum: { type: "HighestValue", color: "#63BE7B" },
    }),
  "ConditionalFormat.colorScale": (ctx) => void colorScale(ctx).colorScale.load("criteria"),
  "ConditionalFormatCollection.add()": (ctx) => void colorScale(ctx),
  "NamedItem.getRange()": (ctx) => void ctx.workbook.names.getItem("Block").getRange().load("address"),
  "NamedItemCollection.getItemOrNullObject()": (ctx) =>
    void ctx.workbook.names.getItemOrNullObject("Block").load("name"),
  "Range.address": (ctx) => void dataSheet(ctx).getRange("A1:B2").load("address"),
  "Range.clear()": (ctx) => dataSheet(ctx).getRange("F5:G6").clear(),
  "Range.columnCount": (ctx) => void dataSheet(ctx).getRange("A1:B2").load("columnCount"),
  "Range.columnIndex": (ctx) => void dataSheet(ctx).getRange("A1:B2").load("columnIndex"),
  "Range.conditionalFormats": (ctx) => void dataSheet(ctx).getRange("C2:C4").conditionalFormats.getCount(),
  "Range.format": (ctx) => void dataSheet(ctx).getRange("A1").format.load("wrapText"),
  "Range.getUsedRangeOrNullObject()": (ctx) =>
    void dataSheet(ctx).getRange("A1:H9").getUsedRangeOrNullObject(true).load("address"),
  "Range.left": (ctx) => void dataSheet(ctx).getRange("C1").load("left"),
  "Range.formulas =": (ctx) => (dataSheet(ctx).getRange("F1").formulas = [["=SUBTOTAL(109,Sales[Value])"]]),
  "Range.top": (ctx) => void dataSheet(ctx).getRange("C1").load("top"),
  "Range.width": (ctx) => void dataSheet(ctx).getRange("C1:D2").load("width"),
  "Range.height": (ctx) => void dataSheet(ctx).getRange("C1:D2").load("height"),
  "Range.text": (ctx) => void dataSheet(ctx).getRange("C1:C2").load("text"),
  "Range.numberFormat =": (ctx) => (dataSheet(ctx).getRange("C2").numberFormat = [["0.00"]]),
  "Range.rowCount": (ctx) => void dataSheet(ctx).getRange("A1:B2").load("rowCount"),
  "Range.rowIndex": (ctx) => void dataSheet(ctx).getRange("A1:B2").load("rowIndex"),
  "Range.values": (ctx) => void dataSheet(ctx).getRange("A1:B2").load("values"),
  "Range.values =": (ctx) => (dataSheet(ctx).getRange("F1").values = [[42]]),
  "RangeFont.bold =": (ctx) => (dataSheet(ctx).getRange("A1").format.font.bold = true),
  "RangeFont.size =": (ctx) => (dataSheet(ctx).getRange("A1").format.font.size = 14),
  "RangeFormat.columnWidth =": (ctx) => (dataSheet(ctx).getRange("A1").format.columnWidth = 72),
  "RangeFormat.fill": (ctx) => void dataSheet(ctx).getRange("A1").format.fill.load("color"),
  "RangeFormat.horizontalAlignment =": (ctx) => (dataSheet(ctx).getRange("A1").format.horizontalAlignment = "Center"),
  "RangeFormat.verticalAlignment =": (ctx) => (dataSheet(ctx).getRange("A1").format.verticalAlignment = "Center"),
  "RangeFormat.wrapText =": (ctx) => (dataSheet(ctx).getRange("A1").format.wrapText = true),
  "RangeFill.color =": (ctx) => (dataSheet(ctx).getRange("A1").format.fill.color = "#117733"),
  "RangeFont.color =": (ctx) => (dataSheet(ctx).getRange("A1").format.font.color = "#FFFFFF"),
  "RangeFormat.autofitColumns()": (ctx) => dataSheet(ctx).getRange("A1:C4").format.autofitColumns(),
  "RangeFormat.autofitRows()": (ctx) => dataSheet(ctx).getRange("A1:C4").format.autofitRows(),
  "RangeFormat.columnWidth": (ctx) => void dataSheet(ctx).getRange("A1").format.load("columnWidth"),
  "RangeFormat.font": (ctx) => void dataSheet(ctx).getRange("A1").format.font.load("bold"),
  "Setting.value": (ctx) => void ctx.workbook.settings.getItem("rfm").load("value"),
  "SettingCollection.add()": (ctx) => void ctx.workbook.settings.add("other", "{}"),
  "SettingCollection.getItemOrNullObject()": (ctx) =>
    void ctx.workbook.settings.getItemOrNullObject("rfm").load("value"),
  "Slicer.caption =": (ctx) => (segSlicer(ctx).caption = "Segment"),
  "Slicer.left =": (ctx) => (segSlicer(ctx).left = 10),
  "Slicer.name": (ctx) => void segSlicer(ctx).load("name"),
  "Slicer.width =": (ctx) => (segSlicer(ctx).width = 120),
  "Slicer.height =": (ctx) => (segSlicer(ctx).height = 180),
  "Slicer.top =": (ctx) => (segSlicer(ctx).top = 0),
  "SlicerCollection.add()": (ctx) => void ctx.workbook.slicers.add(salesTable(ctx), "Name", dataSheet(ctx)),
  "Table.columns": (ctx) => void salesTable(ctx).columns.load("items/name"),
  "Table.getDataBodyRange()": (ctx) => void salesTable(ctx).getDataBodyRange().load("address"),
  "Table.getHeaderRowRange()": (ctx) => void salesTable(ctx).getHeaderRowRange().load("address"),
  "Table.getRange()": (ctx) => void salesTable(ctx).getRange().load("address"),
  "Table.name": (ctx) => void salesTable(ctx).load("name"),
  "Table.name =": (ctx) => (salesTable(ctx).name = "Sales2"),
  "Table.showFilterButton =": (ctx) => (salesTable(ctx).showFilterButton = true),
  "Table.style =": (ctx) => (salesTable(ctx).style = "TableStyleMedium2"),
  "Table.resize()": (ctx) => salesTable(ctx).resize("Data!A1:E4"),
  "TableCollection.add()": (ctx) => void dataSheet(ctx).tables.add("F1:G3", true),
  "TableCollection.getItem()": (ctx) => void salesTable(ctx).load("style"),
  "TableCollection.getItemOrNullObject()": (ctx) => void ctx.workbook.tables.getItemOrNullObject("Sales").load("name"),
  "TableCollection.items": (ctx) => void ctx.workbook.tables.load("items/name"),
  "TableColumn.delete()": (ctx) => salesTable(ctx).columns.getItem("Extra").delete(),
  "TableColumn.getDataBodyRange()": (ctx) =>
    void salesTable(ctx).columns.getItem("Value").getDataBodyRange().load("address"),
  "TableColumn.getRange()": (ctx) => void salesTable(ctx).columns.getItem("Value").getRange().load("address"),
  "TableColumn.name": (ctx) => void salesTable(ctx).columns.getItem("Value").load("name"),
  "TableColumnCollection.add()": (ctx) => void salesTable(ctx).columns.add(undefined, undefined, "Added"),
  "TableColumnCollection.getItem()": (ctx) => void salesTable(ctx).columns.getItem("Value").load("name"),
  "TableColumnCollection.items": (ctx) => void salesTable(ctx).columns.load("items/index"),
  "Workbook.application": (ctx) => void ctx.workbook.application.load("calculationMode"),
  "Workbook.names": (ctx) => void ctx.workbook.names.load("items/name"),
  "Workbook.settings": (ctx) => void ctx.workbook.settings.load("items/key"),
  "Workbook.slicers": (ctx) => void ctx.workbook.slicers.load("items/name"),
  "Workbook.tables": (ctx) => void ctx.workbook.tables.load("items/name"),
  "Workbook.worksheets": (ctx) => void ctx.workbook.worksheets.load("items/name"),
  "Worksheet.activate()": (ctx) => ctx.workbook.worksheets.getItem("Other").activate(),
  "Worksheet.charts": (ctx) => void dataSheet(ctx).charts.load("items/name"),
  "Worksheet.delete()": (ctx) => ctx.workbook.worksheets.getItem("Other").delete(),
  "Worksheet.freezePanes": (ctx) => dataSheet(ctx).freezePanes.freezeColumns(1),
  "Worksheet.getRange()": (ctx) => void dataSheet(ctx).getRange("B2").load("address"),
  "Worksheet.getRangeByIndexes()": (ctx) => void dataSheet(ctx).getRangeByIndexes(1, 1, 2, 2).load("address"),
  "Worksheet.getUsedRangeOrNullObject()": (ctx) => void dataSheet(ctx).getUsedRangeOrNullObject(true).load("address"),
  "Worksheet.id": (ctx) => void dataSheet(ctx).load("id"),
  "Worksheet.name": (ctx) => void ctx.workbook.worksheets.getActiveWorksheet().load("name"),
  "Worksheet.position": (ctx) => void dataSheet(ctx).load("position"),
  "Worksheet.position =": (ctx) => (ctx.workbook.worksheets.getItem("Other").position = 0),
  "Worksheet.tables": (ctx) => void dataSheet(ctx).tables.load("items/name"),
  "WorksheetCollection.add()": (ctx) => void ctx.workbook.worksheets.add("Added"),
  "WorksheetCollection.getActiveWorksheet()": (ctx) => void ctx.workbook.worksheets.getActiveWorksheet().load("id"),
  "WorksheetCollection.getItem()": (ctx) => void ctx.workbook.worksheets.getItem("Other").load("name"),
  "WorksheetCollection.getItemOrNullObject()": (ctx) =>
    void ctx.workbook.worksheets.getItemOrNullObject("Data").load("name"),
  "WorksheetCollection.items": (ctx) => void ctx.workbook.worksheets.load("items/id"),
  "WorksheetFreezePanes.freezeRows()": (ctx) => dataSheet(ctx).freezePanes.freezeRows(1),
};

/** Probes that use a parameter variant with a set of its own, as the adapter does: the version the variant needs
 *  (one the member's note names). The simulation gates these variants too. */
const VARIANTS: Record<string, { version: string; why: string }> = {
  "TableColumnCollection.add()": {
    version: "1.4",
    why: "no index and a name, as sourceColumns.ts calls it: '1.4 allows index to be optional … 1.4 allows name parameter'",
  },
};

/** Enum values above the adapter's minimum that the adapter sends only after a requirement-set check, and that the
 *  simulation refuses below their version (an older Excel does not know the value: InvalidArgument). Each probe
 *  must be refused one version below its d.ts set and accepted from it. */
const GATED_ENUMS: Record<string, Probe> = {
  "ChartType.boxwhisker": (ctx) => void dataSheet(ctx).charts.add("Boxwhisker", dataSheet(ctx).getRange("C1:C4")),
  "ChartType.treemap": (ctx) => void dataSheet(ctx).charts.add("Treemap", dataSheet(ctx).getRange("A1:C4")),
};

/** Adapter members with no probe, reviewed: `load` is the loading mechanism (what it loads is scanned and probed
 *  property by property) and `RequestContext.workbook` is the root every probe starts from. Neither has an Api set
 *  note in the d.ts. */
const NOT_PROBED = /^(\w+\.load\(\)|RequestContext\.workbook)$/;

/** A workbook with everything the probes reach, built at ExcelApi 1.17: sheets "Data" (a table "Sales" over A1:D4
 *  with a chart "Bars", a named item "Block", a slicer "Seg") and "Other", and a setting "rfm". */
async function fixture(): Promise<WorkbookModel> {
  const host = createExcelHost({ syncDelay: "microtask" });
  host.loadSheet("Data", [
    ["Name", "Segment", "Value", "Extra"],
    ["a", "x", 1, 10],
    ["b", "y", 2, 20],
    ["c", "x", 3, 30],
  ]);
  host.loadSheet("Other", [["x"]], { activate: false });
  await host.Excel.run(async (ctx) => {
    const data = ctx.workbook.worksheets.getItem("Data");
    const table = data.tables.add("A1:D4", true);
    table.name = "Sales";
    data.charts.add("BarClustered", data.getRange("A1:A4"), "Columns").name = "Bars";
    ctx.workbook.names.add("Block", data.getRange("A1:D4"));
    ctx.workbook.settings.add("rfm", "{}");
    ctx.workbook.slicers.add(table, "Segment", data).name = "Seg";
    await ctx.sync();
  });
  return host.workbook;
}

interface Attempt {
  version: string;
  /** undefined: the batch ran. */
  error?: { code: string; location?: string; detail?: string };
}

async function attempt(probe: Probe, version: string): Promise<Attempt> {
  const host = createExcelHost({ apiVersion: version, workbook: await fixture(), syncDelay: "microtask" });
  try {
    await host.Excel.run(async (ctx) => {
      probe(ctx);
      await ctx.sync();
    });
    return { version };
  } catch (e) {
    if (!(e instanceof SimError)) throw e;
    return { version, error: { code: e.code, location: e.debugInfo.errorLocation, detail: e.debugInfo.simDetail } };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tests

let scanned: ScanResult;
const officeUses = (): Use[] => [...scanned.office.uses.values()];

beforeAll(() => {
  scanned = scan();
});

describe("the scan of src/office", () => {
  test("resolves every load() and finds the adapter's Excel members with their d.ts sets", () => {
    expect(scanned.office.unresolved).toEqual([]);
    const byKey = new Map(officeUses().map((u) => [u.key, u]));
    // Spot checks of the d.ts reading, values read by hand in @types/office-js and in EXCEL_FACTS.md (§3, §6-§9).
    const spot: [string, string][] = [
      ["Worksheet.getRangeByIndexes()", "1.7"],
      ["WorksheetFreezePanes.freezeRows()", "1.7"],
      ["Application.suspendApiCalculationUntilNextSync()", "1.6"],
      ["Application.suspendScreenUpdatingUntilNextSync()", "1.9"],
      ["ConditionalFormatCollection.add()", "1.6"],
      ["SlicerCollection.add()", "1.10"],
      ["Workbook.settings", "1.4"],
      ["RangeFormat.autofitColumns()", "1.2"],
      ["Range.left", "1.10"],
      ["ChartCollection.add()", "1.1"],
    ];
    for (const [key, version] of spot) expect([key, byKey.get(key) && needed(byKey.get(key)!)]).toEqual([key, version]);
    // A compound note: "1.1 for getting the name; 1.4 for setting it."
    expect(byKey.get("TableColumn.name")?.api).toMatchObject({ since: "1.1", setSince: "1.4", highest: "1.4" });
    // Enum strings passed to overloaded methods are recognised.
    expect(byKey.get("ChartType.barClustered")?.api?.since).toBe("1.1");
    expect(byKey.get("ConditionalFormatType.colorScale")?.api?.since).toBe("1.6");
  });

  test("every member the adapter uses has a probe (or is reviewed plumbing), and each probe uses its member", () => {
    const members = officeUses().filter((u) => u.kind !== "enum");
    const missing = members.filter((u) => !NOT_PROBED.test(u.key) && !(u.key in PROBES)).map((u) => u.key);
    expect(missing).toEqual([]);
    // Plumbing must really be plumbing: no requirement-set note.
    expect(members.filter((u) => NOT_PROBED.test(u.key) && u.api).map((u) => u.key)).toEqual([]);
    for (const key of Object.keys(PROBES)) {
      expect([key, scanned.probes.get(key)?.uses.has(key)]).toEqual([key, true]);
    }
    // A probe for a member the adapter no longer uses is dead weight: keep the table in step with src/office.
    const used = new Set(members.map((u) => u.key));
    expect(Object.keys(PROBES).filter((k) => !used.has(k))).toEqual([]);
  });

  test("enum values and parameter variants the probes do not pin down are within the adapter's minimum", () => {
    const over = officeUses()
      .filter((u) => u.kind === "enum" && u.api && cmpVersion(u.api.since, MIN_EXCEL_API) > 0)
      .filter((u) => !(u.key in GATED_ENUMS))
      .map((u) => `${u.key} needs ${u.api!.since} (${u.sites.join(", ")})`);
    expect(over).toEqual([]);
    const variants = officeUses()
      .filter((u) => u.api && u.api.highest !== u.api.since && cmpVersion(u.api.highest, MIN_EXCEL_API) > 0)
      // A setter's own version is probed ("Class.member ="); reads do not need it.
      .filter((u) => u.api!.highest !== u.api!.setSince && !(u.key in VARIANTS))
      .map((u) => `${u.key}: [Api set: ExcelApi ${u.api!.note}] (${u.sites.join(", ")})`);
    expect(variants).toEqual([]);
  });
});

describe("enum values the simulation gates", () => {
  test.each(Object.keys(GATED_ENUMS))("%s: refused below its d.ts set, accepted from it", async (key) => {
    const use = officeUses().find((u) => u.kind === "enum" && u.key === key);
    expect([key, use?.api?.since]).toEqual([key, "1.9"]);
    const below = await attempt(GATED_ENUMS[key], "1.8");
    expect(below.error?.code).toBe("InvalidArgument");
    expect((await attempt(GATED_ENUMS[key], "1.9")).error).toBeUndefined();
    expect((await attempt(GATED_ENUMS[key], VERSIONS[VERSIONS.length - 1])).error).toBeUndefined();
  });
});

describe("each adapter member's gate in the simulation equals its Api set in the d.ts", () => {
  test.each(Object.keys(PROBES))("%s", async (key) => {
    const touched = [...scanned.probes.get(key)!.uses.values()];
    const variant = VARIANTS[key];
    if (variant) expect(scanned.probes.get(key)!.uses.get(key)?.api?.note).toContain(variant.version);
    const excel = maxVersion([...touched.map(needed), ...(variant ? [variant.version] : [])]);
    const limiting = touched.filter((u) => needed(u) === excel).map((u) => u.key);
    if (variant && variant.version === excel) limiting.push(`${key} variant (${variant.why})`);
    // Upwards until the first version that runs, then the newest too (accepted once, accepted from then on).
    const attempts: Attempt[] = [];
    for (const v of VERSIONS) {
      attempts.push(await attempt(PROBES[key], v));
      if (!attempts[attempts.length - 1].error) break;
    }
    const newest = VERSIONS[VERSIONS.length - 1];
    if (attempts[attempts.length - 1].version !== newest) attempts.push(await attempt(PROBES[key], newest));
    // Anything but ApiNotFound means the probe itself is wrong (a missing fixture object, a bad argument).
    const other = attempts.filter((a) => a.error && a.error.code !== "ApiNotFound");
    expect(other).toEqual([]);
    const first = attempts.findIndex((a) => !a.error);
    const gate = first < 0 ? "none up to 1.17" : attempts[first].version;
    // Refused below the gate, accepted at it and at the newest version.
    expect(attempts.slice(first).filter((a) => a.error)).toEqual([]);
    const verdict =
      first < 0 || cmpVersion(gate, excel) > 0
        ? "LATER than Excel: the simulation refuses what Excel allows"
        : cmpVersion(gate, excel) < 0
          ? "EARLIER than Excel: the adapter could use it unguarded"
          : "ok";
    const refusedBy = first > 0 ? attempts[first - 1].error : undefined;
    expect(
      `${key}: simulation gate ${gate}, Excel (d.ts) ${excel} via ${limiting.join(", ")} — ${verdict}` +
        (refusedBy ? ` [refused by ${refusedBy.location}: ${refusedBy.detail}]` : ""),
    ).toBe(
      `${key}: simulation gate ${excel}, Excel (d.ts) ${excel} via ${limiting.join(", ")} — ok` +
        (refusedBy ? ` [refused by ${refusedBy.location}: ${refusedBy.detail}]` : ""),
    );
  });
});

describe("every property the simulation models", () => {
  test("becomes available at the d.ts's version, counting the gates on the way to its object", () => {
    // Lowest gate on a path from the workbook (or a range) to each proxy class, through navigation properties and
    // collections' items; and the class's property table.
    const reach = new Map<string, { gate: string; meta: Meta }>();
    // A context that is never synced: getters and *OrNullObject navigations may queue commands; none is sent.
    const ctx = new (createExcelHost().Excel.RequestContext)();
    const roots = [ctx.workbook, ctx.workbook.worksheets.getItem("Sheet1").getRange("A1")] as unknown[];
    const queue: [SimObject, string][] = roots.map((o) => [o as SimObject, "1.1"]);
    while (queue.length > 0) {
      const [obj, gate] = queue.shift()!;
      const meta = obj._meta();
      const seen = reach.get(meta.typeName);
      if (seen && cmpVersion(seen.gate, gate) <= 0) continue;
      reach.set(meta.typeName, { gate, meta });
      for (const [nav, since] of Object.entries(meta.navs ?? {})) {
        queue.push([(obj as unknown as Record<string, SimObject>)[nav], maxVersion([gate, since ?? "1.1"])]);
      }
      if (meta.collection) {
        const Item = (obj as unknown as { _itemClass(): new (...a: unknown[]) => SimObject })._itemClass();
        queue.push([new Item(obj.context, obj, null, "item"), gate]);
      }
    }
    // The classes the adapter's objects belong to must all be reached (else the walk missed a route).
    for (const u of officeUses()) {
      const cls = u.key.split(".")[0];
      if (u.kind !== "enum" && cls !== "RequestContext") expect([cls, reach.has(cls)]).toEqual([cls, true]);
    }
    const problems: string[] = [];
    const check = (what: string, sim: string, excel: string) => {
      if (sim !== excel)
        problems.push(
          `${what}: available from ${sim} in the simulation, ${excel} in Excel (d.ts)` +
            (cmpVersion(sim, excel) < 0 ? " — EARLIER" : ""),
        );
    };
    for (const [cls, { gate, meta }] of reach) {
      for (const [name, spec] of Object.entries(meta.props)) {
        const key = `${cls}.${name}`;
        if (!scanned.dts.has(key)) {
          problems.push(`${key}: not an Excel member in the d.ts`);
          continue;
        }
        const d = scanned.dts.get(key);
        const own = spec.since ?? "1.1";
        if (spec.get) check(key, maxVersion([gate, own]), d?.since ?? "1.1");
        if (spec.set) check(`${key} =`, maxVersion([gate, spec.setSince ?? own]), d?.setSince ?? d?.since ?? "1.1");
      }
      for (const [nav, since] of Object.entries(meta.navs ?? {})) {
        const key = `${cls}.${nav}`;
        if (!scanned.dts.has(key)) problems.push(`${key}: not an Excel member in the d.ts`);
        else check(key, maxVersion([gate, since ?? "1.1"]), scanned.dts.get(key)?.since ?? "1.1");
      }
    }
    expect(problems).toEqual([]);
    expect(reach.size).toBeGreaterThan(40);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Flows

const RULES_SHEET = "My rules";

interface FlowRun {
  host: ExcelHost;
  records: SyncRecord[];
  warnings: string[];
  charts: number;
}

/** Every adapter entry point on the small fixture, the data once as a range and once as a table, at `version`. */
async function runFlows(version: string): Promise<FlowRun> {
  const records: SyncRecord[] = [];
  const warnings: string[] = [];
  let charts = 0;
  const setUp = async (asTable: boolean): Promise<ExcelHost> => {
    const prep = createExcelHost({ syncDelay: "microtask" });
    prep.loadSheet("Online Retail", SMALL_RETAIL);
    prep.loadSheet(RULES_SHEET, schemeToTable(resolveScheme("tiers4")), { activate: false });
    await prep.Excel.run(async (ctx) => {
      ctx.workbook.names.add("Rules", ctx.workbook.worksheets.getItem(RULES_SHEET).getRange("A1:I20"));
      if (asTable) ctx.workbook.worksheets.getItem("Online Retail").tables.add("A1:H24", true).name = "Sales";
      await ctx.sync();
    });
    const host = createExcelHost({
      apiVersion: version,
      workbook: prep.workbook,
      syncDelay: "microtask",
      recordStatements: true,
    });
    host.onSync((rec) => records.push(rec));
    return host;
  };

  const host = await setUp(false);
  await detectSource({}, host);
  await saveSettings({ scheme: "tiers4" }, host);
  await loadSettings(host);
  await readCustomScheme("Rules", host);
  await readCustomScheme(`'${RULES_SHEET}'!A1:I20`, host);
  const first = await runSegmentation({}, {}, host);
  const again = await runSegmentation({ scheme: "custom", customSchemeAddress: `'${RULES_SHEET}'!A:I` }, {}, host);
  const label = first.segments.find((s) => s.customers > 0)!.label;
  await exportCampaignList({}, { segments: [label], target: "sheet" }, host);
  await sqlForWorkbook({}, "postgres", host);
  await compareSegmentation({}, { compareTo: "2011-06-01" }, host);
  const inTable = await setUp(true);
  const tableRun = await runSegmentation({}, {}, inTable);
  await runSegmentation({}, {}, inTable);
  // A table too large for columns.add on the web: stretched with Table.resize from 1.13, refused in words before.
  const bigPrep = createExcelHost({ syncDelay: "microtask" });
  const bigRows = [SMALL_RETAIL[0], ...Array.from({ length: 100 }, () => SMALL_RETAIL.slice(1)).flat()];
  bigPrep.loadSheet("Online Retail", bigRows);
  const big = createExcelHost({
    apiVersion: version,
    workbook: bigPrep.workbook,
    syncDelay: "microtask",
    recordStatements: true,
  });
  await big.Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Online Retail").tables.add(`A1:H${bigRows.length}`, true).name = "Sales";
    await ctx.sync();
  });
  big.onSync((rec) => records.push(rec));
  const bigRun = runSegmentation({}, {}, big);
  if (cmpVersion(version, "1.13") >= 0) expect((await bigRun).cancelled).toBeUndefined();
  else await expect(bigRun).rejects.toThrow(/convert the table to a range/);
  for (const s of [first, again, tableRun]) {
    expect(s.cancelled).toBeUndefined();
    warnings.push(...s.warnings);
    charts = Math.max(charts, s.outputs.charts);
  }
  return { host, records, warnings, charts };
}

/** Whether a recorded statement sends the use: "C.m(…)" for calls, "C.p = …" for writes, "C.load(…p…)" or the
 *  navigation statement "C.p" for reads (the simulation's statement texts). */
function sends(statement: string, u: Use): boolean {
  const [cls, member] = u.key.replace(/( =|\(\))$/, "").split(".");
  if (u.kind === "call") return statement.startsWith(`${cls}.${member}(`);
  if (u.kind === "set") return statement.startsWith(`${cls}.${member} = `);
  if (statement === `${cls}.${member}`) return true;
  const load = new RegExp(`^${cls}\\.load\\((.*)\\)$`).exec(statement);
  return !!load && load[1].split(",").includes(member);
}

describe("the adapter uses members above ExcelApi 1.7 only behind a feature check", () => {
  const aboveMinimum = (): Use[] =>
    officeUses().filter((u) => u.kind !== "enum" && cmpVersion(needed(u), MIN_EXCEL_API) > 0);
  /** 1.7, each version an adapter member above it needs, and the simulation's default. Computed from the scan. */
  const versions = (): string[] =>
    [...new Set([MIN_EXCEL_API, ...aboveMinimum().map(needed), "1.17"])].sort(cmpVersion);

  test("the adapter has such members (slicers 1.10, screen updating 1.9, Range.left 1.10)", () => {
    const keys = aboveMinimum().map((u) => `${u.key} ${needed(u)}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "Application.suspendScreenUpdatingUntilNextSync() 1.9",
        "SlicerCollection.add() 1.10",
        "Workbook.slicers 1.10",
        "Range.left 1.10",
      ]),
    );
    // Table.resize (1.13): the fallback when Excel on the web refuses columns.add on a large table.
    expect(versions()).toEqual(["1.7", "1.9", "1.10", "1.13", "1.17"]);
  });

  test("at each version: no ApiNotFound, each member sent exactly from its version on, documented degradations", async () => {
    const members = aboveMinimum();
    for (const version of versions()) {
      const run = await runFlows(version);
      const refused = run.records.filter((r) => r.error === "ApiNotFound").map((r) => r.statements?.join("; "));
      expect([version, refused]).toEqual([version, []]);
      const statements = run.records.flatMap((r) => r.statements ?? []);
      const sent = members.filter((u) => statements.some((s) => sends(s, u))).map((u) => u.key);
      const due = members.filter((u) => cmpVersion(needed(u), version) <= 0).map((u) => u.key);
      expect([version, sent.sort()]).toEqual([version, due.sort()]);

      const snap = run.host.snapshot();
      const noSlicerWarning = run.warnings.some((w) =>
        /no slicers .*1\.10.* filter button on the Segment column/.test(w),
      );
      // 3 on the summary; on the dashboard the revenue chart plus the score chart (before 1.9) or the two
      // histograms, the box & whisker and the treemap (1.9 on).
      expect([version, run.charts]).toEqual([version, cmpVersion(version, "1.9") < 0 ? 5 : 8]);
      if (cmpVersion(version, "1.10") < 0) {
        expect([version, snap.slicers, noSlicerWarning]).toEqual([version, [], true]);
      } else {
        const on = (sheet: string) => snap.slicers.filter((s) => s.sheet === sheet).map((s) => s.caption);
        expect([version, on("RFM Customers"), noSlicerWarning]).toEqual([version, ["Segment"], false]);
        expect([version, on("RFM Dashboard")[0]]).toEqual([version, "Segment"]);
      }
      expect(run.host.stats.suspendScreenUpdatingCalls > 0).toBe(cmpVersion(version, "1.9") >= 0);
      expect(run.host.stats.suspendApiCalculationCalls).toBeGreaterThan(0);
    }
  });
});
