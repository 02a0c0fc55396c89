export type Labels = Record<string, string>;

export interface Counter {
  inc(labels?: Labels, value?: number): void;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

export class Registry {
  counter(name: string, help: string): Counter {
    throw new Error(`TODO: counter ${name} (${help})`);
  }

  histogram(name: string, help: string, buckets: number[]): Histogram {
    throw new Error(`TODO: histogram ${name} (${help}) ${buckets.join(',')}`);
  }

  render(): string {
    throw new Error('TODO: render');
  }
}
