import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
};

describe('createProgress', () => {
  it('redraws one bar in place on a terminal', () => {
    const { written, stream: tty } = stream(true);
    const progress = createProgress('replay', tty, () => 1000);

    progress.update(50, 100);
    progress.finish('100 events replayed');

    expect(written[0]).toBe(`\r[${'#'.repeat(15)}${'.'.repeat(15)}] replay: 50/~100 events (50000/s)\x1b[K`);
    expect(written[1]).toBe('\r\x1b[Kreplay: 100 events replayed in 0.0 s\n');
  });

  it('writes a plain line per tenth of the way when not on a terminal', () => {
    const { written, stream: pipe } = stream(false);
    const progress = createProgress('replay', pipe, () => 0);

    for (let done = 1; done <= 100; done += 1) progress.update(done, 100);

    expect(written).toHaveLength(11);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
  });
});
