// Types of scripts/stale-build.mjs, for its test.

/** True when a package's JavaScript output is missing or older than one of its inputs. */
export function isStale(packagesDir: string, name: string): boolean;

/** Build the stale ones of `names` without declarations; the captured log only on failure. */
export function buildStale(
  packagesDir: string,
  names: readonly string[],
): Promise<{
  built: string[];
  failed?: { name: string; message: string; log: string };
}>;
