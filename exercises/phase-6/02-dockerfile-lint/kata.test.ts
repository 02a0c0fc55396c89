import { describe, it, expect } from 'vitest';
import { parseInstructions, lintDockerfile } from './kata.js';

const rules = (text: string) => lintDockerfile(text).map((f) => `${f.line}:${f.rule}`);

const GOOD = `
# syntax=docker/dockerfile:1
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends tini \\
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/dist ./dist
USER node
CMD ["tini", "--", "node", "dist/main.js"]
`;

describe('parseInstructions', () => {
  it('skips blanks and comments, upper-cases instructions, keeps line numbers', () => {
    expect(parseInstructions('# comment\n\nfrom node:22\n  run echo hi\n')).toEqual([
      { line: 3, instruction: 'FROM', args: 'node:22' },
      { line: 4, instruction: 'RUN', args: 'echo hi' },
    ]);
  });

  it('joins continuation lines and keeps the first line number', () => {
    const text = 'FROM node:22\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nUSER node';
    expect(parseInstructions(text)).toEqual([
      { line: 1, instruction: 'FROM', args: 'node:22' },
      { line: 2, instruction: 'RUN', args: 'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*' },
      { line: 5, instruction: 'USER', args: 'node' },
    ]);
  });
});

describe('lintDockerfile', () => {
  it('finds nothing wrong with a good multi-stage Dockerfile', () => {
    expect(lintDockerfile(GOOD)).toEqual([]);
  });

  it('from-tag: flags :latest and untagged images', () => {
    expect(rules('FROM node:latest\nUSER node')).toEqual(['1:from-tag']);
    expect(rules('FROM node\nUSER node')).toEqual(['1:from-tag']);
    expect(rules('FROM node:22.11-alpine\nUSER node')).toEqual([]);
  });

  it('from-tag: a registry port is not a tag, a digest is pinned, flags are skipped', () => {
    expect(rules('FROM localhost:5000/team/node\nUSER node')).toEqual(['1:from-tag']);
    expect(rules('FROM localhost:5000/team/node:22\nUSER node')).toEqual([]);
    expect(rules('FROM node@sha256:3f1a0b2c\nUSER node')).toEqual([]);
    expect(rules('FROM --platform=linux/amd64 node:22 AS build\nFROM scratch\nUSER 1000')).toEqual([]);
  });

  it('from-tag: an earlier stage name is not an image', () => {
    expect(rules('FROM node:22 AS base\nFROM base AS test\nRUN npm test\nFROM base\nUSER node')).toEqual([]);
  });

  it('copy-before-install: COPY . . before npm ci in the same stage, reported on the COPY line', () => {
    const text = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node';
    expect(lintDockerfile(text)).toEqual([{ rule: 'copy-before-install', line: 3, message: expect.any(String) }]);
    expect(rules('FROM node:22\nCOPY . .\nRUN npm install --omit=dev\nUSER node')).toEqual(['2:copy-before-install']);
  });

  it('copy-before-install: manifests first is fine, and each stage is judged on its own', () => {
    expect(rules('FROM node:22\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nUSER node')).toEqual([]);
    expect(rules('FROM node:22 AS a\nCOPY . .\nRUN npm run build\nFROM node:22\nRUN npm ci\nUSER node')).toEqual([]);
  });

  it('apt-cleanup: the lists must be removed in the same RUN', () => {
    expect(rules('FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER 1000')).toEqual(['2:apt-cleanup']);
    expect(
      rules('FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\nUSER 1000'),
    ).toEqual(['2:apt-cleanup']);
    expect(
      rules('FROM debian:12\nRUN apt-get update \\\n && apt-get -y install curl \\\n && rm -rf /var/lib/apt/lists/*\nUSER 1000'),
    ).toEqual([]);
  });

  it('non-root-user: the final stage needs a non-root USER (reported on its FROM line)', () => {
    expect(rules('FROM node:22\nCMD ["node"]')).toEqual(['1:non-root-user']);
    expect(rules('FROM node:22\nUSER node\nUSER root')).toEqual(['1:non-root-user']);
    expect(rules('FROM node:22\nUSER 0:0')).toEqual(['1:non-root-user']);
  });

  it('non-root-user: a USER in a build stage does not count for the final stage', () => {
    expect(rules('FROM node:22 AS build\nUSER node\nRUN npm run build\n\nFROM node:22-slim\nCMD ["node"]')).toEqual([
      '5:non-root-user',
    ]);
  });

  it('reports several findings sorted by line', () => {
    const text = 'FROM node\nCOPY . .\nRUN npm install\nRUN apt-get install -y git';
    expect(rules(text)).toEqual(['1:from-tag', '1:non-root-user', '2:copy-before-install', '4:apt-cleanup']);
  });
});
