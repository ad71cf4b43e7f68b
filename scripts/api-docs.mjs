// Writes the API reference docs/api/ (markdown, one page per package) from the TSDoc of the
// packages' public exports, with TypeDoc and typedoc-plugin-markdown (settings in typedoc.json).
// It is kept in git; with --check it writes nothing and fails when:
// - docs/api/ differs from what it would write;
// - an export lacks documentation: every exported function, class, interface, type, variable and
//   enum, and every property, method and accessor of an exported class or interface (members of
//   inferred object types, such as a function's return literal, are covered by their owner's
//   comment and not required);
// - TypeDoc finds a {@link} it cannot resolve or a symbol used but not exported;
// - a relative link in README.md, docs/**/*.md or packages/*/README.md names a file that does
//   not exist, or one outside the repository.
// The test command runs it with --check.
// Usage: npx -y pnpm@10 run docs [--check]   (or node scripts/api-docs.mjs [--check])
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Application,
  DeclarationReflection,
  ReflectionKind,
  ReflectionType,
  TSConfigReader,
  TypeDocReader,
} from "typedoc";

const root = fileURLToPath(new URL("..", import.meta.url));
const check = process.argv.includes("--check");
const apiDir = join(root, "docs", "api");
const problems = [];

// --- The reference, and TypeDoc's own validation (links, exports) --------------------------------
process.chdir(root);
const app = await Application.bootstrapWithPlugins({}, [new TypeDocReader(), new TSConfigReader()]);
const scratch = check ? mkdtempSync(join(tmpdir(), "liouville-api-")) : null;
if (scratch) app.options.setValue("out", scratch);
const project = await app.convert();
if (!project) {
  console.error("TypeDoc could not convert the packages");
  process.exit(1);
}
app.validate(project);
if (app.logger.hasErrors() || app.logger.hasWarnings()) problems.push("TypeDoc reported the warnings above");

// --- Every export documented ----------------------------------------------------------------------
const required =
  ReflectionKind.Enum |
  ReflectionKind.EnumMember |
  ReflectionKind.Variable |
  ReflectionKind.CallSignature |
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.Property |
  ReflectionKind.GetSignature |
  ReflectionKind.SetSignature |
  ReflectionKind.TypeAlias;
/** True when `ref` lies inside a parameter or an anonymous object type (owned by its parent's comment). */
const covered = (ref) => {
  for (let r = ref.parent; r; r = r.parent) {
    if (r.kindOf(ReflectionKind.Parameter) || r.kindOf(ReflectionKind.TypeLiteral)) return true;
  }
  return false;
};
const undocumented = new Set();
const queue = project.getReflectionsByKind(required);
const seen = new Set();
while (queue.length > 0) {
  const ref = queue.shift();
  if (seen.has(ref)) continue;
  seen.add(ref);
  if (covered(ref) || ref.kindOf(ReflectionKind.TypeLiteral)) continue;
  if (ref instanceof DeclarationReflection) {
    const signatures =
      ref.type instanceof ReflectionType
        ? ref.type.declaration.getNonIndexSignatures()
        : ref.getNonIndexSignatures();
    if (signatures.length > 0) {
      queue.push(...signatures);
      if (ref.kindOf(ReflectionKind.SignatureContainer)) continue;
    }
  }
  // A constructor is documented by its class.
  if (ref.kindOf(ReflectionKind.ConstructorSignature)) continue;
  const symbol = project.getSymbolIdFromReflection(ref);
  if (symbol && !symbol.packageName.startsWith("@liouville/")) continue;
  const documented =
    ref.hasComment() || (ref.kindOf(ReflectionKind.SomeSignature) && ref.parent?.hasComment());
  if (!documented) {
    const where = symbol ? ` (${symbol.packageName}/${symbol.packagePath})` : "";
    undocumented.add(`${ref.getFriendlyFullName()}${where}`);
  }
}
if (undocumented.size > 0) {
  console.error(`${undocumented.size} exports without documentation:\n  ${[...undocumented].join("\n  ")}`);
  problems.push("exports without documentation");
}

// --- Write (or compare) the reference -------------------------------------------------------------
await app.generateOutputs(project);
/** Relative paths of the files under `dir`, sorted. */
const listFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => statSync(join(dir, f)).isFile())
        .sort()
    : [];
if (scratch) {
  const fresh = listFiles(scratch);
  const committed = listFiles(apiDir);
  const stale =
    fresh.length !== committed.length ||
    fresh.some(
      (f, i) =>
        f !== committed[i] ||
        readFileSync(join(scratch, f), "utf8") !== readFileSync(join(apiDir, f), "utf8"),
    );
  rmSync(scratch, { recursive: true, force: true });
  if (stale) problems.push("docs/api/ is out of date: run `npx -y pnpm@10 run docs` and commit the result");
}

// --- Relative links in the Markdown docs ----------------------------------------------------------
const markdown = [
  "README.md",
  ...listFiles(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
  ...readdirSync(join(root, "packages"))
    .map((p) => join("packages", p, "README.md"))
    .filter((f) => existsSync(join(root, f))),
];
const broken = [];
for (const file of markdown) {
  const text = readFileSync(join(root, file), "utf8").replace(/```[\s\S]*?```/g, "");
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
    const path = decodeURIComponent(target.split("#")[0]);
    const absolute = resolve(root, dirname(file), path);
    if (
      absolute !== root.replace(/[/\\]$/, "") &&
      !absolute.startsWith(root.endsWith(sep) ? root : root + sep)
    ) {
      broken.push(`${file}: ${target} points outside the repository`);
    } else if (!existsSync(absolute)) {
      broken.push(`${file}: ${target} does not exist (${relative(root, absolute)})`);
    }
  }
}
if (broken.length > 0) {
  console.error(`broken links:\n  ${broken.join("\n  ")}`);
  problems.push("broken links");
}

if (problems.length > 0) {
  console.error(`API docs check failed: ${problems.join("; ")}`);
  process.exit(1);
}
console.log(
  check
    ? `docs/api/ is up to date, every export is documented and ${markdown.length} Markdown files link to existing files`
    : "wrote docs/api/",
);
