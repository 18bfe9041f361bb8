import { describe, expect, it } from 'vitest';
import { returnsWindow, returnsWindowProblem } from '../../src/kpi/returns-window.ts';

describe('the window of due dates', () => {
  it('is 12 months back to 3 ahead by default', () => {
    expect(returnsWindow('2026-11-23')).toEqual({ from: '2025-11-23', to: '2027-02-23' });
  });

  it('keeps inside a shorter month', () => {
    expect(returnsWindow('2026-05-31')).toEqual({ from: '2025-05-31', to: '2026-08-31' });
    expect(returnsWindow('2026-11-30')).toEqual({ from: '2025-11-30', to: '2027-02-28' });
  });

  it('runs 15 months from the one end given, or between both', () => {
    expect(returnsWindow('2026-11-23', { from: '2023-01-01' })).toEqual({ from: '2023-01-01', to: '2024-04-01' });
    expect(returnsWindow('2026-11-23', { to: '2024-03-31' })).toEqual({ from: '2022-12-31', to: '2024-03-31' });
    expect(returnsWindow('2026-11-23', { from: '2020-04-01', to: '2021-03-31' })).toEqual({ from: '2020-04-01', to: '2021-03-31' });
  });

  it('is refused back to front, or longer than 5 years', () => {
    expect(returnsWindowProblem({ from: '2024-01-02', to: '2024-01-01' })).toEqual({ field: 'to', message: 'The last due date must be the same as or after the first' });
    expect(returnsWindowProblem({ from: '2024-01-01', to: '2024-01-01' })).toBeNull();
    expect(returnsWindowProblem({ from: '2020-01-01', to: '2025-01-01' })).toBeNull();
    expect(returnsWindowProblem({ from: '2020-01-01', to: '2025-01-02' })).toMatchObject({ field: 'to', message: 'Choose due dates at most 5 years apart' });
  });
});
