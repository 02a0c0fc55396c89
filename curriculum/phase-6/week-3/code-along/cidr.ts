// Step 1 and 2: Terraform's cidrsubnet() for IPv4, and a VPC subnet layout across availability zones.

export interface Cidr {
  base: number; // network address as an unsigned 32-bit integer
  bits: number; // prefix length
}

export function parseCidr(cidr: string): Cidr {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = m?.slice(1, 5).map(Number) ?? [];
  const bits = Number(m?.[5]);
  if (!m || octets.some((o) => o > 255) || bits > 32) throw new Error(`invalid IPv4 CIDR ${cidr}`);
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { base: addr - (addr % size), bits }; // clear host bits, as Terraform does
}

export function formatCidr({ base, bits }: Cidr): string {
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${bits}`;
}

/** cidrsubnet(prefix, newbits, netnum): the netnum-th subnet after adding newbits to the prefix. */
export function cidrsubnet(prefix: string, newbits: number, netnum: number): string {
  const { base, bits } = parseCidr(prefix);
  const newBits = bits + newbits;
  if (newBits > 32) throw new Error(`${prefix} has only ${32 - bits} host bits; cannot extend by ${newbits}`);
  if (!Number.isInteger(netnum) || netnum < 0 || netnum >= 2 ** newbits) {
    throw new Error(`netnum ${netnum} does not fit in ${newbits} bits`);
  }
  return formatCidr({ base: base + netnum * 2 ** (32 - newBits), bits: newBits });
}

export function overlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  const xEnd = x.base + 2 ** (32 - x.bits);
  const yEnd = y.base + 2 ** (32 - y.bits);
  return x.base < yEnd && y.base < xEnd;
}

/**
 * The layout a VPC module builds from `cidr` and `azs`: one public and one private subnet per AZ,
 * like `[for i, az in var.azs : cidrsubnet(var.cidr, 8, i)]` and `cidrsubnet(var.cidr, 8, i + 100)`.
 */
export function subnetLayout(vpcCidr: string, azs: readonly string[], newbits = 8, privateOffset = 100) {
  if (azs.length > privateOffset) throw new Error('more AZs than the private offset leaves room for');
  return azs.map((az, i) => ({
    az,
    public: cidrsubnet(vpcCidr, newbits, i),
    private: cidrsubnet(vpcCidr, newbits, i + privateOffset),
  }));
}
