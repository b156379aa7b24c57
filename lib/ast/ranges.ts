/** First index in `items` (sorted by start offset) whose `range[0]` is >= `offset` (binary search). */
export function lowerBound(items: ReadonlyArray<{ range: [number, number] }>, offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].range[0] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
