export * from './common';
export * from './funnels';
export * from './metrics';
export * from './evaluations';
