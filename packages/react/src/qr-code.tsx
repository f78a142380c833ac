'use client';
import * as React from 'react';

export interface QrCodeProps extends Omit<React.SVGProps<SVGSVGElement>, 'children' | 'ref'> {
  /** What the code holds (an `otpauth://` URI). */
  value: string;
  /** The image's accessible name. */
  label: string;
}

interface Matrix {
  size: number;
  data: boolean[][];
}

/** Each row's runs of dark modules, one rect per run (a few hundred rects, not thousands). */
function runs(matrix: Matrix): Array<{ x: number; y: number; width: number }> {
  const out: Array<{ x: number; y: number; width: number }> = [];
  matrix.data.forEach((row, y) => {
    let start = -1;
    for (let x = 0; x <= row.length; x += 1) {
      const dark = x < row.length && row[x];
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        out.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  });
  return out;
}

/**
 * A QR code as an inline `<svg>` of rects (no innerHTML), encoded by `uqr`, which loads only when
 * a code is shown. Dark on light whatever the theme: scanners need the contrast.
 * `data-state="loading|ready"`.
 */
export function QrCode({ value, label, width = 192, height = 192, ...props }: QrCodeProps) {
  const [matrix, setMatrix] = React.useState<Matrix | null>(null);
  React.useEffect(() => {
    let live = true;
    void import('uqr').then(({ encode }) => {
      if (live) setMatrix(encode(value, { ecc: 'M', border: 2 }));
    });
    return () => {
      live = false;
    };
  }, [value]);
  const size = matrix?.size ?? 1;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width={width}
      height={height}
      shapeRendering="crispEdges"
      data-catalyst="qr-code"
      data-state={matrix ? 'ready' : 'loading'}
      {...props}
    >
      <rect width={size} height={size} fill="#ffffff" />
      {matrix &&
        runs(matrix).map(({ x, y, width: w }) => (
          <rect key={`${x}-${y}`} x={x} y={y} width={w} height={1} fill="#000000" />
        ))}
    </svg>
  );
}
