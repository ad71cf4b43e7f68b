import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The TypeScript snippets of the README's "As a library" section run as written, one after the
// other, against the packages' builds (the root `test` script builds first): their imports are
// merged (each snippet lists what it uses; later ones build on earlier ones' variables), the
// code is transpiled and run with Node, and the values the comments promise are checked.
const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/** The ```ts blocks of the README section under `heading`. */
function snippets(heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** One module from the snippets: their named imports merged per package, then their code in order. */
function program(blocks: readonly string[]): string {
  const imports = new Map<string, Set<string>>();
  const bodies = blocks.map((block) =>
    block.replace(/^import \{([^}]*)\} from "([^"]+)";\n/gm, (_, names: string, from: string) => {
      const set = imports.get(from) ?? new Set<string>();
      for (const name of names.split(",").map((n) => n.trim())) if (name) set.add(name);
      imports.set(from, set);
      return "";
    }),
  );
  const head = [...imports].map(([from, names]) => `import { ${[...names].join(", ")} } from "${from}";`);
  return [...head, ...bodies].join("\n");
}

describe("README", () => {
  it("the library section's snippets run as written and print what their comments say", () => {
    const blocks = snippets("As a library");
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const js = ts.transpileModule(program(blocks), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    mkdirSync(dist, { recursive: true });
    const file = `${dist}readme-library.mjs`;
    writeFileSync(file, js);
    const r = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/A: 0\.001536/); // heatCurrents
    expect(r.stdout).toContain("[ 2, 3 ] true"); // h.dims, h.isHermitian()
    expect(r.stdout).toContain("Operator dims [2] (2x2, Hermitian)\n[ 1   0 ]\n[ 0  -1 ]"); // console.log(sigmaZ())
    expect(r.stdout).toMatch(/0\.6931471805599\d/); // ln 2
    expect(r.stdout).toMatch(/\n(0|\d(\.\d+)?e-1[5-7])\n/); // [Jx, Jy] - i Jz, rounding only
  });
});
