import { runCli } from "../cli";

// Test support (not exported from the package): run the command in-process and capture it.

/** Run `liouville ...argv` and return its exit code and what it wrote to stdout and stderr. */
export async function runCaptured(
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
