import { DimensionError } from "../errors/dimension-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { type BlockHermitianEigen, type HermitianEigen, labelGroups } from "../linalg/hermitian-eigen";
import { dagger, kron, matmul, matmulChain, submatrix } from "../linalg/kernels";
import { Superoperator } from "../superoperators/superoperator";

/**
 * An operator in the eigenbasis of H_S: V^dagger A V. With an eigen-decomposition made block by
 * block (`hermitianEigenByBlocks`, as `buildGenerator` does for a system with a charge), V is
 * block diagonal up to the order of its columns, and the product is taken block pair by block
 * pair, skipping the pairs where A is zero: the sum of the blocks' cubes for an A that keeps the
 * charge (a state of the sector, H_S), against d^3 for dense products.
 */
export function toEigenbasis(a: ComplexMatrix, eigen: HermitianEigen): ComplexMatrix {
  const blocks = eigenBlocks(eigen);
  return blocks
    ? changeBasisByBlocks(a, eigen.vectors, blocks, "to")
    : matmulChain(dagger(eigen.vectors), a, eigen.vectors);
}

/** Back from the eigenbasis: V A V^dagger (block pair by block pair where V has blocks, as `toEigenbasis`). */
export function fromEigenbasis(a: ComplexMatrix, eigen: HermitianEigen): ComplexMatrix {
  const blocks = eigenBlocks(eigen);
  return blocks
    ? changeBasisByBlocks(a, eigen.vectors, blocks, "from")
    : matmulChain(eigen.vectors, a, dagger(eigen.vectors));
}

/** The blocks of a block-wise eigen-decomposition: per block, its basis states and its eigenvectors. */
export interface EigenBlocks {
  readonly dimension: number;
  /** Per block: the basis states it holds (ascending), and the columns of V (eigenvectors) in it. */
  readonly basis: readonly Int32Array[];
  readonly columns: readonly Int32Array[];
}

const blocksOf = new WeakMap<HermitianEigen, EigenBlocks | null>();

/**
 * The blocks of `eigen` when it is a block-wise decomposition (`BlockHermitianEigen`) with more
 * than one block whose V is exactly zero outside them; else null (the dense products serve). The
 * check is made once per decomposition, which is treated as immutable.
 */
export function eigenBlocks(eigen: HermitianEigen): EigenBlocks | null {
  let blocks = blocksOf.get(eigen);
  if (blocks === undefined) {
    const { blockLabels, basisLabels } = eigen as Partial<BlockHermitianEigen>;
    blocks = blockLabels && basisLabels ? gatherBlocks(eigen.vectors, basisLabels, blockLabels) : null;
    blocksOf.set(eigen, blocks);
  }
  return blocks;
}

function gatherBlocks(
  vectors: ComplexMatrix,
  basisLabels: Int32Array,
  columnLabels: Int32Array,
): EigenBlocks | null {
  const d = vectors.rows;
  if (basisLabels.length !== d || columnLabels.length !== d || vectors.cols !== d) return null;
  // V must vanish wherever a basis state and an eigenvector carry different labels.
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const at = 2 * (i * d + j);
      if (basisLabels[i] !== columnLabels[j] && (vectors.data[at] !== 0 || vectors.data[at + 1] !== 0))
        return null;
    }
  }
  const basisGroups = labelGroups(basisLabels, d);
  // A single block gains nothing over the dense products.
  if (basisGroups.length <= 1) return null;
  const columnsBy = new Map(labelGroups(columnLabels, d).map((cols) => [columnLabels[cols[0]], cols]));
  const basis: Int32Array[] = [];
  const columns: Int32Array[] = [];
  for (const rows of basisGroups) {
    const cols = columnsBy.get(basisLabels[rows[0]]) ?? [];
    if (cols.length !== rows.length) return null; // not a block decomposition: use the dense path
    basis.push(Int32Array.from(rows));
    columns.push(Int32Array.from(cols));
  }
  return { dimension: d, basis, columns };
}

/** Whether a[rows, cols] has a nonzero entry. */
function anyNonzero(a: ComplexMatrix, rows: Int32Array, cols: Int32Array): boolean {
  const n = a.cols;
  const x = a.data;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] * n;
    for (let c = 0; c < cols.length; c++) {
      const at = 2 * (row + cols[c]);
      if (x[at] !== 0 || x[at + 1] !== 0) return true;
    }
  }
  return false;
}

/**
 * V^dagger A V ("to") or V A V^dagger ("from") for a V that is block diagonal after permuting its
 * columns: block (b, c) of the result is V_b^dagger A_bc V_c (or V_b A_bc V_c^dagger), with A_bc
 * the rows of block b and the columns of block c (basis states for "to", eigenvector indices for
 * "from"). The terms and their order are those of the dense products without their zeros, so the
 * result equals `matmulChain` to the last bit, up to the sign of zeros.
 */
function changeBasisByBlocks(
  a: ComplexMatrix,
  vectors: ComplexMatrix,
  blocks: EigenBlocks,
  direction: "to" | "from",
): ComplexMatrix {
  const d = blocks.dimension;
  if (a.rows !== d || a.cols !== d) throw new DimensionError("operator", `${d}x${d}`, `${a.rows}x${a.cols}`);
  const { basis, columns } = blocks;
  const [inside, outside] = direction === "to" ? [basis, columns] : [columns, basis];
  // V's diagonal blocks and their adjoints, gathered when first needed (O(m^2) each, nothing kept).
  const v: (ComplexMatrix | undefined)[] = [];
  const vDagger: (ComplexMatrix | undefined)[] = [];
  const block = (b: number) => {
    v[b] ??= submatrix(vectors, basis[b], columns[b]);
    return v[b];
  };
  const blockDagger = (b: number) => {
    vDagger[b] ??= dagger(block(b));
    return vDagger[b];
  };
  const out = new ComplexMatrix(d, d);
  for (let b = 0; b < inside.length; b++) {
    for (let c = 0; c < inside.length; c++) {
      if (!anyNonzero(a, inside[b], inside[c])) continue;
      const [left, right] = direction === "to" ? [blockDagger(b), block(c)] : [block(b), blockDagger(c)];
      scatter(out, matmul(matmul(left, submatrix(a, inside[b], inside[c])), right), outside[b], outside[c]);
    }
  }
  return out;
}

/** out[rows, cols] = block. */
function scatter(out: ComplexMatrix, block: ComplexMatrix, rows: Int32Array, cols: Int32Array): void {
  const n = out.cols;
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < cols.length; c++) {
      const from = 2 * (r * cols.length + c);
      const to = 2 * (rows[r] * n + cols[c]);
      out.data[to] = block.data[from];
      out.data[to + 1] = block.data[from + 1];
    }
  }
}

/**
 * The unitary W = conj(V) (x) V that changes basis in Liouville space: with column stacking,
 * vec(V X V^dagger) = W vec(X).
 */
function liouvilleBasisChange(eigen: HermitianEigen): ComplexMatrix {
  const conjV = eigen.vectors.clone();
  for (let k = 1; k < conjV.data.length; k += 2) conjV.data[k] = -conjV.data[k];
  return kron(conjV, eigen.vectors);
}

/** A superoperator given in the eigenbasis, moved to the original basis: W S W^dagger. */
export function superFromEigenbasis(s: Superoperator, eigen: HermitianEigen): Superoperator {
  const w = liouvilleBasisChange(eigen);
  return new Superoperator(s.hilbertDimension, matmul(matmul(w, s), dagger(w)).data);
}

/**
 * Matrix elements below this fraction of the operator's largest element are rounding residue of
 * the basis change and are set to exactly zero, so that selection rules (zero elements) hold
 * exactly and rate equations see no spurious transitions.
 */
export const ELEMENT_TOLERANCE = 1e-14;

/** Zero the entries of `a` smaller than ELEMENT_TOLERANCE times its largest entry (in place). */
export function cleanRoundoff(a: ComplexMatrix): ComplexMatrix {
  let max = 0;
  for (let k = 0; k < a.data.length; k += 2) max = Math.max(max, Math.hypot(a.data[k], a.data[k + 1]));
  const cut = ELEMENT_TOLERANCE * max;
  for (let k = 0; k < a.data.length; k += 2) {
    if (Math.hypot(a.data[k], a.data[k + 1]) <= cut) {
      a.data[k] = 0;
      a.data[k + 1] = 0;
    }
  }
  return a;
}

/** A superoperator moved into the eigenbasis of H_S: W^dagger S W (see liouvilleBasisChange). */
export function superToEigenbasis(s: Superoperator, eigen: HermitianEigen): Superoperator {
  const w = liouvilleBasisChange(eigen);
  return new Superoperator(s.hilbertDimension, matmul(matmul(dagger(w), s), w).data);
}
