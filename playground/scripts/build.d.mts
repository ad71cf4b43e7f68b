/** Where the build goes (playground/dist). */
export const OUT_DIR: string;
/** Bundle the page into OUT_DIR; resolves to the total size of the files written (source maps excluded), in bytes. */
export function buildPlayground(): Promise<number>;
