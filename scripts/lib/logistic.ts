// Tiny L2-regularised logistic regression (batch gradient descent), used to fit the detector's weights.
export function fitLogistic(
  X: number[][],
  y: number[],
  opts: { l2?: number; iters?: number; lr?: number; balance?: boolean } = {},
): { w: number[]; b: number } {
  const l2 = opts.l2 ?? 0.01,
    iters = opts.iters ?? 4000,
    lr = opts.lr ?? 0.1;
  const d = X[0].length,
    n = X.length;
  const pos = y.filter((v) => v === 1).length;
  // Class weights so both classes count equally (the metric is balanced accuracy).
  const cw = (v: number) => (opts.balance === false ? 1 : v === 1 ? n / (2 * pos) : n / (2 * (n - pos)));
  const w = new Array(d).fill(0);
  let b = 0;
  for (let it = 0; it < iters; it++) {
    const gw = new Array(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * X[i][j];
      const p = 1 / (1 + Math.exp(-z));
      const e = (p - y[i]) * cw(y[i]);
      for (let j = 0; j < d; j++) gw[j] += e * X[i][j];
      gb += e;
    }
    for (let j = 0; j < d; j++) w[j] -= lr * (gw[j] / n + l2 * w[j]);
    b -= lr * (gb / n);
  }
  return { w, b };
}

export interface BinaryStats {
  n: number;
  accuracy: number;
  precision: number;
  recall: number;
  specificity: number;
  balanced: number;
}

export function binaryStats(pred: boolean[], truth: boolean[]): BinaryStats {
  let tp = 0,
    fp = 0,
    tn = 0,
    fn = 0;
  pred.forEach((p, i) => {
    if (p && truth[i]) tp++;
    else if (p) fp++;
    else if (truth[i]) fn++;
    else tn++;
  });
  const recall = tp + fn ? tp / (tp + fn) : NaN;
  const specificity = tn + fp ? tn / (tn + fp) : NaN;
  return {
    n: pred.length,
    accuracy: (tp + tn) / pred.length,
    precision: tp + fp ? tp / (tp + fp) : NaN,
    recall,
    specificity,
    balanced: (recall + specificity) / 2,
  };
}
