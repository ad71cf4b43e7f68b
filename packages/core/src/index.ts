/**
 * Complex linear algebra, operators and states, superoperators in column-stacked Liouville space,
 * the `local`, `global` (Davies) and `redfield` master equations, steady states, heat currents,
 * entropy production, the thermodynamic audit, full counting statistics and the exact Gaussian
 * solver for quadratic bosonic systems. Units: hbar = k_B = 1.
 *
 * @packageDocumentation
 * @module @liouville/core
 */
// Errors
export * from "./errors/index";
// Exact Gaussian steady states of quadratic bosonic systems
export * from "./gaussian/index";
// Linear algebra: dense complex matrices, kernels, eigen-decomposition, LU
export * from "./linalg/index";
// Master-equation generators: local, global (Davies), Redfield
export * from "./master-equation/index";
// Operators and states
export * from "./operators/index";
// Steady states
export * from "./steady-state/index";
// Superoperators in column-stacked Liouville space
export * from "./superoperators/index";
// Open systems: baths, couplings, spectral densities
export * from "./system/index";
// Thermodynamics: Bose factor, heat currents, entropy production
export * from "./thermodynamics/index";
