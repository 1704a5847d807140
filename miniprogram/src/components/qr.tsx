import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './qr.css';

/** The QR matrix of a text (error correction M, the smallest version that fits). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** Runs of one colour in a row, so a row is a handful of Views rather than one per module. */
function runs(row: boolean[]): Array<{ dark: boolean; len: number }> {
  const out: Array<{ dark: boolean; len: number }> = [];
  for (const dark of row) {
    const last = out[out.length - 1];
    if (last && last.dark === dark) last.len += 1;
    else out.push({ dark, len: 1 });
  }
  return out;
}

/**
 * A real, scannable QR code drawn with Views (rows of dark and light runs), so one component works
 * in weapp and in H5 without a canvas. `size` is in design px (750 wide); a 4-module quiet zone
 * surrounds it.
 */
export function Qr({ text, size = 400, className = '' }: { text: string; size?: number; className?: string }) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const n = matrix.length + 8;
  const cell = Math.max(2, Math.floor(size / n));
  // Design px → the platform's unit (rpx in weapp, rem in H5), as the stylesheets are converted.
  const unit = (k: number): string => String(Taro.pxTransform(k * cell));
  return (
    <View className={`qr ${className}`} style={{ padding: unit(4), width: unit(matrix.length), boxSizing: 'content-box' }} data-modules={matrix.length}>
      {matrix.map((row, r) => (
        <View key={r} className='qr-row' style={{ height: unit(1) }}>
          {runs(row).map((run, i) => (
            <View key={i} className={run.dark ? 'qr-dark' : 'qr-light'} style={{ width: unit(run.len), height: unit(1) }} />
          ))}
        </View>
      ))}
    </View>
  );
}
