import { Operator, sigmaMinus, sigmaPlus, sigmaZ } from "@liouville/core";

/**
 * Operators of a chain of n qubits, written straight into a dense 2^n x 2^n matrix from the bits
 * of the basis index instead of through Kronecker and matrix products (which cost O(d^3) per
 * product: seconds at n = 10, minutes at n = 11; these cost O(n d) plus the O(d^2) allocation).
 *
 * Basis order as `tensor` (site 1 is the first factor): the state of site i (0-based) is bit
 * n - 1 - i of the basis index, and each bit is a basis index of the single-qubit operators of
 * `@liouville/core` (0 = |+>, the excited state with sigma_z = +1; 1 = |->).
 */

/** A single-qubit operator (2 x 2) acting on one site of the chain (0-based). */
export interface SiteFactor {
  readonly site: number;
  readonly operator: Operator;
}

/**
 * Add `coefficient` times the product of single-site operators (identity on every other site),
 * op_{i1} (x) op_{i2} (x) ..., to `out`, a 2^n x 2^n operator. Sites must be distinct. Only the
 * nonzero entries of each 2 x 2 factor are visited: O(d 2^k) work for k factors.
 */
export function addSiteProduct(
  out: Operator,
  n: number,
  factors: readonly SiteFactor[],
  coefficient: number,
): Operator {
  const d = 2 ** n;
  const shifts = Int32Array.from(factors, (f) => n - 1 - f.site);
  const operators = factors.map((f) => f.operator.data);
  for (let col = 0; col < d; col++)
    addColumnImage(out.data, d, col, shifts, operators, 0, col, coefficient, 0);
  return out;
}

/**
 * The image of basis column `col` through factors k, k+1, ...: each factor replaces the bit of its
 * site in `row` by r with the amplitude op[r][c] (c the column's bit), depth first; the value so
 * far is re + i im. A function of its own, allocation-free and called per column, so V8 optimises
 * it early.
 */
function addColumnImage(
  data: Float64Array,
  d: number,
  col: number,
  shifts: Int32Array,
  operators: readonly Float64Array[],
  k: number,
  row: number,
  re: number,
  im: number,
): void {
  if (k === shifts.length) {
    const at = 2 * (row * d + col);
    data[at] += re;
    data[at + 1] += im;
    return;
  }
  const shift = shifts[k];
  const c = (col >> shift) & 1;
  const op = operators[k];
  for (let r = 0; r < 2; r++) {
    const ar = op[2 * (2 * r + c)];
    const ai = op[2 * (2 * r + c) + 1];
    if (ar === 0 && ai === 0) continue;
    const next = (row & ~(1 << shift)) | (r << shift);
    addColumnImage(data, d, col, shifts, operators, k + 1, next, re * ar - im * ai, re * ai + im * ar);
  }
}

/**
 * The spin-chain Hamiltonian of the `spin-chain` model,
 *   H = sum_i (omega/2) sz_i + J sum_{i<n} (s+_i s-_{i+1} + s-_i s+_{i+1}) + Delta sum_{i<n} sz_i sz_{i+1},
 * with dims [2, ..., 2] (n entries).
 */
export function spinChainHamiltonian(n: number, omega: number, J: number, Delta: number): Operator {
  const h = new Operator(Array(n).fill(2));
  const sz = sigmaZ();
  const sp = sigmaPlus();
  const sm = sigmaMinus();
  for (let i = 0; i < n; i++) addSiteProduct(h, n, [{ site: i, operator: sz }], omega / 2);
  for (let i = 0; i + 1 < n; i++) {
    if (J !== 0) {
      addSiteProduct(
        h,
        n,
        [
          { site: i, operator: sp },
          { site: i + 1, operator: sm },
        ],
        J,
      );
      addSiteProduct(
        h,
        n,
        [
          { site: i, operator: sm },
          { site: i + 1, operator: sp },
        ],
        J,
      );
    }
    if (Delta !== 0) {
      addSiteProduct(
        h,
        n,
        [
          { site: i, operator: sz },
          { site: i + 1, operator: sz },
        ],
        Delta,
      );
    }
  }
  return h;
}

/**
 * The excitation number Q = sum_i (1 + sz_i)/2 of every basis state of an n-qubit chain: the
 * number of sites in the excited state |+> (where sigmaZ of `@liouville/core` is +1). Q is
 * diagonal in the product basis and commutes with the spin-chain Hamiltonian (the flip-flop term
 * moves an excitation, sz_i sz_{i+1} keeps it); s+ on a site shifts it by +1, s- by -1.
 */
export function spinChainExcitations(n: number): number[] {
  const sz = sigmaZ();
  const d = 2 ** n;
  // Single-site excitation of each local basis index, read off sigma_z's diagonal.
  const local = [0, 1].map((k) => (sz.re(k, k) + 1) / 2);
  const q = new Array<number>(d);
  for (let b = 0; b < d; b++) {
    let count = 0;
    for (let i = 0; i < n; i++) count += local[(b >> (n - 1 - i)) & 1];
    q[b] = count;
  }
  return q;
}

/** Basis index of the product state with every site in its ground state |-> (sigma_z = -1). */
export function spinChainAllDownIndex(n: number): number {
  const sz = sigmaZ();
  const down = sz.re(0, 0) < 0 ? 0 : 1;
  let b = 0;
  for (let i = 0; i < n; i++) b |= down << (n - 1 - i);
  return b;
}
