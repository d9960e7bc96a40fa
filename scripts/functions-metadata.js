/**
 * What the build adds to the functions.json that custom-functions-metadata generates from the doc comments.
 *
 * `allowErrorForDataTypeAny: true`: without it Excel does not call a custom function at all when an input range of
 * an `any` parameter holds an error cell (one #N/A among 4,000 scores gives #VALUE! for the whole formula). With it
 * the error cells arrive as values, and the functions answer per cell (docs/formulas.md, "Errors"). The generator
 * has no JSDoc tag for this file-level flag, so it is set here, for the build and for the metadata test alike.
 *
 * Example: withErrorInputs('{"functions":[]}') → '{"allowErrorForDataTypeAny":true,"functions":[]}' (indented).
 */
function withErrorInputs(metadataJson) {
  const metadata = JSON.parse(metadataJson);
  return JSON.stringify({ ...metadata, allowErrorForDataTypeAny: true }, null, 4);
}

/** A webpack plugin that rewrites the emitted functions.json through `withErrorInputs`. */
class FunctionsMetadataFlagsPlugin {
  constructor(output = "functions.json") {
    this.output = output;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsMetadataFlagsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsMetadataFlagsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset(this.output);
          if (!asset) return;
          const text = withErrorInputs(asset.source.source().toString());
          compilation.updateAsset(this.output, new sources.RawSource(text));
        },
      );
    });
  }
}

module.exports = { withErrorInputs, FunctionsMetadataFlagsPlugin };
