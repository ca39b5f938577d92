/**
 * The admitted queries of one cluster ordered by finish tag (ties by admission order), as
 * a treap whose subtrees carry their size and the sum of their tags. Insert, remove, rank,
 * prefix sum and select are O(log n) expected, so a prediction that needs "how much work
 * finishes before this query" no longer walks the whole queue.
 */
import type { RunningQuery } from './running-query.js';

export interface TagNode {
  readonly query: RunningQuery;
  /** Virtual time at which the query finishes (admission tag + work). */
  readonly tag: number;
  /** Admission order: breaks ties between equal tags (earlier first). */
  readonly seq: number;
  readonly priority: number;
  left: TagNode | null;
  right: TagNode | null;
  size: number;
  /** Sum over the subtree of `tag - base` (relative to the order's base, for precision). */
  sum: number;
  /** Per violation-view bit: the view has judged this query a violator (monotone). */
  violatorBits: number;
  /** Taken off the cluster (views drop such nodes lazily). */
  removed: boolean;
  /** The same query's node in the order by true finish tag (kept under noise). */
  twin: TagNode | null;
}

const less = (a: TagNode, b: TagNode) => a.tag < b.tag || (a.tag === b.tag && a.seq < b.seq);

function refresh(n: TagNode, base: number): void {
  let size = 1;
  let sum = n.tag - base;
  if (n.left !== null) {
    size += n.left.size;
    sum += n.left.sum;
  }
  if (n.right !== null) {
    size += n.right.size;
    sum += n.right.sum;
  }
  n.size = size;
  n.sum = sum;
}

export class TagOrder {
  private root: TagNode | null = null;
  /** Tags are summed relative to this (the first tag since the order was last empty). */
  private base = 0;
  /** xorshift32 state: deterministic priorities, so runs repeat bit for bit. */
  private seed = 0x9e3779b9;

  get size(): number {
    return this.root === null ? 0 : this.root.size;
  }

  private nextPriority(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }

  /** A node for `query` (not yet inserted). */
  node(query: RunningQuery, tag: number, seq: number): TagNode {
    return {
      query,
      tag,
      seq,
      priority: this.nextPriority(),
      left: null,
      right: null,
      size: 1,
      sum: 0,
      violatorBits: 0,
      removed: false,
      twin: null,
    };
  }

  /** Caches valid until the next insert or remove. */
  private cachedFirst: TagNode | null = null;
  private cachedLast: TagNode | null = null;
  private cachedSelectIndex = -1;
  private cachedSelectNode: TagNode | null = null;
  private cachedSelectSum = 0;

  private changed(): void {
    this.cachedFirst = null;
    this.cachedLast = null;
    this.cachedSelectIndex = -1;
  }

  /**
   * Fills an empty order with `nodes` (made by `node`, ascending by tag then seq) in O(n):
   * a treap is determined by its keys and priorities, so this builds the very tree that
   * inserting them one by one builds, in O(n log n). Every size and sum is then refreshed
   * from its final children, as the last refresh of the insertions does: bit for bit equal.
   */
  fillSorted(nodes: readonly TagNode[]): void {
    if (this.root !== null) throw new Error('fillSorted needs an empty order');
    this.changed();
    const firstNode = nodes[0];
    if (firstNode === undefined) return;
    this.base = firstNode.tag;
    // The right spine of the tree so far: a node with a higher priority than the spine's
    // lower part takes that part as its left subtree.
    const spine: TagNode[] = [];
    for (const n of nodes) {
      let last: TagNode | null = null;
      while (spine.length > 0 && (spine[spine.length - 1] as TagNode).priority < n.priority)
        last = spine.pop() as TagNode;
      n.left = last;
      n.right = null;
      if (spine.length > 0) (spine[spine.length - 1] as TagNode).right = n;
      spine.push(n);
    }
    this.root = spine[0] as TagNode;
    // Parents after their children: reverse of a pre-order.
    const preorder: TagNode[] = [];
    const stack: TagNode[] = [this.root];
    while (stack.length > 0) {
      const t = stack.pop() as TagNode;
      preorder.push(t);
      if (t.left !== null) stack.push(t.left);
      if (t.right !== null) stack.push(t.right);
    }
    for (let i = preorder.length - 1; i >= 0; i--) refresh(preorder[i] as TagNode, this.base);
  }

  insert(node: TagNode): void {
    // The first and last nodes change only if the new node comes before or after them:
    // keeping them saves a descent per forecast, which asks for the first one.
    const first = this.cachedFirst;
    const last = this.cachedLast;
    this.changed();
    if (this.root === null) this.base = node.tag;
    this.root = this.insertAt(this.root, node);
    if (first !== null) this.cachedFirst = less(node, first) ? node : first;
    if (last !== null) this.cachedLast = less(last, node) ? node : last;
  }

  private insertAt(t: TagNode | null, n: TagNode): TagNode {
    if (t === null) {
      n.left = null;
      n.right = null;
      refresh(n, this.base);
      return n;
    }
    if (n.priority > t.priority) {
      const [l, r] = this.split(t, n);
      n.left = l;
      n.right = r;
      refresh(n, this.base);
      return n;
    }
    if (less(n, t)) t.left = this.insertAt(t.left, n);
    else t.right = this.insertAt(t.right, n);
    refresh(t, this.base);
    return t;
  }

  /** Splits `t` into nodes ordered before `key` and the rest. */
  private split(t: TagNode | null, key: TagNode): [TagNode | null, TagNode | null] {
    if (t === null) return [null, null];
    if (less(t, key)) {
      const [l, r] = this.split(t.right, key);
      t.right = l;
      refresh(t, this.base);
      return [t, r];
    }
    const [l, r] = this.split(t.left, key);
    t.left = r;
    refresh(t, this.base);
    return [l, t];
  }

  private merge(a: TagNode | null, b: TagNode | null): TagNode | null {
    if (a === null) return b;
    if (b === null) return a;
    if (a.priority > b.priority) {
      a.right = this.merge(a.right, b);
      refresh(a, this.base);
      return a;
    }
    b.left = this.merge(a, b.left);
    refresh(b, this.base);
    return b;
  }

  /** Removes `node` (which must be in the order). */
  remove(node: TagNode): void {
    const first = this.cachedFirst;
    const last = this.cachedLast;
    this.changed();
    this.root = this.removeAt(this.root, node);
    if (first !== node) this.cachedFirst = first;
    if (last !== node) this.cachedLast = last;
  }

  private removeAt(t: TagNode | null, n: TagNode): TagNode | null {
    if (t === null) throw new Error('TagOrder.remove: node not in the order');
    if (t === n) return this.merge(t.left, t.right);
    if (less(n, t)) t.left = this.removeAt(t.left, n);
    else t.right = this.removeAt(t.right, n);
    refresh(t, this.base);
    return t;
  }

  first(): TagNode | undefined {
    if (this.cachedFirst !== null) return this.cachedFirst;
    let t = this.root;
    if (t === null) return undefined;
    while (t.left !== null) t = t.left;
    this.cachedFirst = t;
    return t;
  }

  /** Set by `rankOf` and `selectWithPrefix`: a 0-based index and the sum of the tags
   * before it, minus the shift each. */
  foundIndex = 0;
  foundSumMinus = 0;

  /** Index of `node` and the sum of the tags before it minus `shift` each (in `found*`). */
  rankOf(node: TagNode, shift: number): void {
    let t = this.root;
    let index = 0;
    let sum = 0;
    while (t !== null) {
      if (t === node) {
        if (t.left !== null) {
          index += t.left.size;
          sum += t.left.sum;
        }
        this.foundIndex = index;
        this.foundSumMinus = sum - index * (shift - this.base);
        return;
      }
      if (less(node, t)) t = t.left;
      else {
        if (t.left !== null) {
          index += t.left.size;
          sum += t.left.sum;
        }
        index++;
        sum += t.tag - this.base;
        t = t.right;
      }
    }
    throw new Error('TagOrder.rankOf: node not in the order');
  }

  /** Set by `countAtMost`: the sum of those tags minus the shift each. */
  countedSumMinus = 0;

  /** Number of nodes whose tag is at most `x`, and (with `shift`) the sum of their tags
   * minus `shift` each in `countedSumMinus`. */
  countAtMost(x: number, shift = this.base): number {
    let t = this.root;
    let count = 0;
    let sum = 0;
    while (t !== null) {
      if (t.tag <= x) {
        if (t.left !== null) {
          count += t.left.size;
          sum += t.left.sum;
        }
        count++;
        sum += t.tag - this.base;
        t = t.right;
      } else t = t.left;
    }
    this.countedSumMinus = sum - count * (shift - this.base);
    return count;
  }

  /** The node with the largest tag. */
  last(): TagNode | undefined {
    if (this.cachedLast !== null) return this.cachedLast;
    let t = this.root;
    if (t === null) return undefined;
    while (t.right !== null) t = t.right;
    this.cachedLast = t;
    return t;
  }

  /** Sum of the tags of the first `k` nodes, minus `k * shift` (done relative to the base). */
  prefixSumMinus(k: number, shift: number): number {
    let t = this.root;
    let left = k;
    let sum = 0;
    while (t !== null && left > 0) {
      const ls = t.left === null ? 0 : t.left.size;
      if (left <= ls) t = t.left;
      else {
        sum += (t.left === null ? 0 : t.left.sum) + (t.tag - this.base);
        left -= ls + 1;
        t = t.right;
      }
    }
    return sum - k * (shift - this.base);
  }

  /** Sum of every tag minus `shift` each, O(1). */
  totalMinus(shift: number): number {
    return this.root === null ? 0 : this.root.sum - this.root.size * (shift - this.base);
  }

  /** The node at 0-based index `k`, with the sum of the tags before it (minus `shift`
   * each) in `foundSumMinus`. */
  selectWithPrefix(k: number, shift: number): TagNode {
    if (k === this.cachedSelectIndex) {
      this.foundIndex = k;
      this.foundSumMinus = this.cachedSelectSum - k * (shift - this.base);
      return this.cachedSelectNode as TagNode;
    }
    let t = this.root;
    let i = k;
    let sum = 0;
    while (t !== null) {
      const ls = t.left === null ? 0 : t.left.size;
      if (i < ls) t = t.left;
      else if (i === ls) {
        if (t.left !== null) sum += t.left.sum;
        this.cachedSelectIndex = k;
        this.cachedSelectNode = t;
        this.cachedSelectSum = sum;
        this.foundIndex = k;
        this.foundSumMinus = sum - k * (shift - this.base);
        return t;
      } else {
        sum += (t.left === null ? 0 : t.left.sum) + (t.tag - this.base);
        i -= ls + 1;
        t = t.right;
      }
    }
    throw new RangeError(`TagOrder.selectWithPrefix: index ${k} out of range`);
  }

  /** The node at 0-based index `k`. */
  select(k: number): TagNode {
    let t = this.root;
    let i = k;
    while (t !== null) {
      const ls = t.left === null ? 0 : t.left.size;
      if (i < ls) t = t.left;
      else if (i === ls) return t;
      else {
        i -= ls + 1;
        t = t.right;
      }
    }
    throw new RangeError(`TagOrder.select: index ${k} out of range`);
  }

  /** The nodes in order, written into `out` (reused between calls); returns the count. */
  fill(out: TagNode[]): number {
    let n = 0;
    const stack: TagNode[] = [];
    let t = this.root;
    while (t !== null || stack.length > 0) {
      while (t !== null) {
        stack.push(t);
        t = t.left;
      }
      const top = stack.pop() as TagNode;
      out[n++] = top;
      t = top.right;
    }
    return n;
  }

  *[Symbol.iterator](): IterableIterator<TagNode> {
    const stack: TagNode[] = [];
    let t = this.root;
    while (t !== null || stack.length > 0) {
      while (t !== null) {
        stack.push(t);
        t = t.left;
      }
      const top = stack.pop() as TagNode;
      yield top;
      t = top.right;
    }
  }
}
