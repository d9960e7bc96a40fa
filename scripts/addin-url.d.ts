/** Types for scripts/addin-url.js (where a production build is deployed). */
export const DEV_URL: string;
export function resolveAddinUrl(value: string | undefined): string;
export function productionManifest(manifest: string, addinUrl: string): string;
export function unusableHost(hostname: string): string | null;
