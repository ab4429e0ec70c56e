import type { Benchmark } from './report';
export const b6Burst: Benchmark = async () => { throw new Error('not yet'); };
