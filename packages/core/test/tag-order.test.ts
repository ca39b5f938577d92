/** `TagOrder.fillSorted` builds the tree that inserting the same nodes one by one builds. */
import { type TagNode, TagOrder } from '../src/latency/tag-order.js';
import { runningQuery } from './running-query.js';

/** Every node's place, size and sum, in order (sums compared bit for bit). */
function shape(order: TagOrder): [number, number | null, number | null, number, number][] {
  return [...order].map((n: TagNode) => [
    n.seq,
    n.left?.seq ?? null,
    n.right?.seq ?? null,
    n.size,
    n.sum,
  ]);
}

test.each([0, 1, 2, 7, 1000])('fillSorted equals one-by-one insertion (%i nodes)', (count) => {
  // Irregular tags with ties (equal tags are ordered by seq), ascending as a clone walks them.
  const tags = Array.from({ length: count }, (_, i) => 1e6 + Math.floor(i / 3) * 0.1 + (i % 7));
  const keys = tags.map((tag, seq) => ({ tag, seq }));
  keys.sort((a, b) => a.tag - b.tag || a.seq - b.seq);
  const inserted = new TagOrder();
  const filled = new TagOrder();
  const sorted: TagNode[] = [];
  for (const { tag, seq } of keys) {
    inserted.insert(inserted.node(runningQuery(seq, 0, 1), tag, seq));
    sorted.push(filled.node(runningQuery(seq, 0, 1), tag, seq));
  }
  filled.fillSorted(sorted);
  expect(filled.size).toBe(count);
  const [a, b] = [shape(filled), shape(inserted)];
  expect(a).toEqual(b);
  for (let i = 0; i < a.length; i++) expect(Object.is(a[i]?.[4], b[i]?.[4])).toBe(true);
  // The orders go on alike: the same priorities for the next node, the same prefix sums.
  const next = 1e6 + 50.05;
  inserted.insert(inserted.node(runningQuery(count, 0, 1), next, count));
  filled.insert(filled.node(runningQuery(count, 0, 1), next, count));
  expect(shape(filled)).toEqual(shape(inserted));
  expect(filled.countAtMost(next, 1e6)).toBe(inserted.countAtMost(next, 1e6));
  expect(Object.is(filled.countedSumMinus, inserted.countedSumMinus)).toBe(true);
});

test('fillSorted refuses a non-empty order', () => {
  const order = new TagOrder();
  order.insert(order.node(runningQuery(0, 0, 1), 1, 0));
  expect(() => order.fillSorted([])).toThrow('fillSorted needs an empty order');
});

test('first and last stay right through inserts and removals', () => {
  const order = new TagOrder();
  const nodes: TagNode[] = [];
  let x = 12345;
  for (let seq = 0; seq < 300; seq++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const node = order.node(runningQuery(seq, 0, 1), x % 50, seq);
    order.insert(node);
    nodes.push(node);
    if (seq % 3 === 0) {
      const gone = nodes.splice(x % nodes.length, 1)[0] as TagNode;
      order.remove(gone);
    }
    const all = [...order];
    expect(order.first()).toBe(all[0]);
    expect(order.last()).toBe(all[all.length - 1]);
  }
});
