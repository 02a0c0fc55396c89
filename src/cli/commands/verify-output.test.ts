import { describe, expect, it } from 'vitest';
import { fitTable } from './verify.js';

const rows = [
  ['      network connections attempted by the domain tests', '0 connections', '', '= 0 connections', 'ok'],
  ['      domain line coverage', '100 %', '', '>= 90 %', 'ok'],
];

describe("verify's figures in a terminal", () => {
  it('are one aligned row each when they fit', () => {
    expect(fitTable(rows, 120, '        ').split('\n')).toEqual([
      '      network connections attempted by the domain tests  0 connections    = 0 connections  ok',
      '      domain line coverage                               100 %            >= 90 %          ok',
    ]);
  });

  it('put the name above its values when a row would wrap at 80 columns, and no line is wider', () => {
    const lines = fitTable(rows, 80, '        ').split('\n');
    expect(lines).toEqual([
      '      network connections attempted by the domain tests',
      '        0 connections    = 0 connections  ok',
      '      domain line coverage',
      '        100 %            >= 90 %          ok',
    ]);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});
