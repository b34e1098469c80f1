import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/pipeline/edit-distance.js';

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['scale', 'scale', 0],
    ['sacle', 'scale', 1], // a swap of neighbours is one typo
    ['slwo-queries', 'slow-queries', 1],
    ['hlep', 'help', 1],
    ['conections', 'connections', 1],
    ['sise', 'size', 1],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // restricted: a swapped pair is not edited again
  ])('%s -> %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});
