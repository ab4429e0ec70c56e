import type { Benchmark } from './report';
export const b3Active: Benchmark = async () => { throw new Error('not yet'); };
