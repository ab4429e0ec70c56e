// Loaded with `node --require` by B3b's child process; worker threads inherit it. In the SDK's
// workflow thread it answers `heap` requests on the BroadcastChannel `pacte-thread-heap` with
// that thread's V8 heap statistics after two full GCs (bench/thread-heap.ts asks). The workflow
// thread's heap is invisible from the main thread: process.memoryUsage() reports only its own.
const threads = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');

if (!threads.isMainThread) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const channel = new BroadcastChannel('pacte-thread-heap');
  channel.unref();
  channel.onmessage = (event) => {
    const request = event.data || {};
    if (request.reply || request.cmd !== 'heap') return;
    // Only the SDK's workflow thread answers (tsx runs a loader thread too).
    if (!Object.keys(require.cache).some((file) => file.includes('workflow-worker-thread'))) return;
    gc();
    gc();
    const heap = v8.getHeapStatistics();
    channel.postMessage({ reply: true, id: request.id, used: heap.used_heap_size, total: heap.total_heap_size });
  };
}
