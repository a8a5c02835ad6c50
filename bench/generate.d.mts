// Types of bench/generate.mjs, for the server's tests that generate their data with it.
export interface GeneratedOrg {
  id: string;
  code: string;
  name: string;
  departments: Array<{ id: string; code: string; name: string }>;
  categories: Array<{ id: string; code: string; name: string }>;
  places: Array<{ id: string; code: string; name: string }>;
}

export interface Generated {
  seconds: number;
  appeals: number;
  steps: number;
  events: number;
  group: { id: string; code: string };
  orgs: GeneratedOrg[];
  months: string[];
}

export function generate(options: {
  databaseUrl: string;
  engine?: 'mysql' | 'sqlite';
  orgs?: number;
  months?: number;
  perMonth?: number;
  startMonth?: string;
  seed?: number;
  migrate?: boolean;
}): Promise<Generated>;
