// Test support of every package's test suites, imported as "@liouville/core/testing" (an alias of
// vitest.config.ts and tsconfig.json, not a published entry point): one seeded random generator
// and what is made from it, random open systems for property tests, and relative errors.
export { maxRelativeError, relativeError } from "./compare";
export { randomDensityMatrix, randomHermitian, randomMatrix, seededNormal, seededRandom } from "./random";
export { randomChain } from "./random-chain";
export { type RandomSpectrum, randomOpenSystem } from "./random-system";
