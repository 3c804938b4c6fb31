package dev.cantrip.tasks;

import java.util.Arrays;

/**
 * The pending tasks in due order: a 4-ary min-heap keyed by due time (ties by id, so tasks due at
 * once run in the order they were made), with each task's place kept in the task so it can be
 * taken out in O(log n) when cancelled or paused. Due times sit in a {@code long[]} beside the
 * tasks, so sifting compares numbers in one array instead of following a pointer per step.
 * Loop thread only.
 */
final class TimerHeap {

    private long[] due = new long[64];
    private ScheduledTask[] tasks = new ScheduledTask[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest due time, or {@link Long#MAX_VALUE} if none is pending. */
    long minDue() {
        return size == 0 ? Long.MAX_VALUE : due[0];
    }

    void add(ScheduledTask t) {
        if (size == tasks.length) {
            int n = size + (size >> 1);
            due = Arrays.copyOf(due, n);
            tasks = Arrays.copyOf(tasks, n);
        }
        size++;
        siftUp(size - 1, t.due, t);
    }

    /** Takes out the earliest task. */
    ScheduledTask poll() {
        ScheduledTask first = tasks[0];
        removeAt(0);
        return first;
    }

    /** Takes {@code t} out wherever it is. */
    void remove(ScheduledTask t) {
        if (t.heapIndex >= 0) {
            removeAt(t.heapIndex);
        }
    }

    private void removeAt(int i) {
        ScheduledTask gone = tasks[i];
        gone.heapIndex = -1;
        int last = --size;
        if (i == last) {
            tasks[last] = null;
            return;
        }
        ScheduledTask moved = tasks[last];
        long movedDue = due[last];
        tasks[last] = null;
        siftDown(i, movedDue, moved);
        if (tasks[i] == moved) {
            siftUp(i, movedDue, moved);
        }
    }

    private boolean before(long dueA, ScheduledTask a, long dueB, ScheduledTask b) {
        return dueA < dueB || (dueA == dueB && a.id < b.id);
    }

    private void siftUp(int i, long d, ScheduledTask t) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(d, t, due[parent], tasks[parent])) {
                break;
            }
            place(i, due[parent], tasks[parent]);
            i = parent;
        }
        place(i, d, t);
    }

    private void siftDown(int i, long d, ScheduledTask t) {
        while (true) {
            int first = (i << 2) + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (before(due[c], tasks[c], due[best], tasks[best])) {
                    best = c;
                }
            }
            if (!before(due[best], tasks[best], d, t)) {
                break;
            }
            place(i, due[best], tasks[best]);
            i = best;
        }
        place(i, d, t);
    }

    private void place(int i, long d, ScheduledTask t) {
        due[i] = d;
        tasks[i] = t;
        t.heapIndex = i;
    }
}
