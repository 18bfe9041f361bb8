export * from './risk.ts';
export * from './plymouth-shared-lives.ts';
