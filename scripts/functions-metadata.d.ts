/** Types for scripts/functions-metadata.js (flags the build adds to functions.json). */
export function withErrorInputs(metadataJson: string): string;
export class FunctionsMetadataFlagsPlugin {
  constructor(output?: string);
  apply(compiler: unknown): void;
}
