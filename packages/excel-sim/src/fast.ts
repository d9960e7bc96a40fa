/**
 * Local copies of the built-ins used in per-cell loops. Jest evaluates modules inside a `vm` context, where each
 * lookup of a global object (`Math`, `Number`, `Array`) is about a hundred times slower than in plain Node.
 * Module-level copies make the simulation as fast under Jest as in Node or a browser.
 */
export const { round, floor, min, max, abs } = Math;
export const isFiniteNumber = Number.isFinite;
export const isInteger = Number.isInteger;
export const isArray = Array.isArray;
export const toNumber = Number;
export const toText = String;
export const ArrayOf = Array;
export const log10 = Math.log10;
export const parseDecimal = parseFloat;
export const DateOf = Date;
export const dateUTC = Date.UTC;
