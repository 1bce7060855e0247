/** The demonstration region's structure and staff. Synthetic: no real person's data. */
export const DEMO_REGION = 'NE';
export const DEMO_PASSWORD = 'throughline-demo';

export const DEMO_PDUS = [
  { code: 'NE-NCL', name: 'Newcastle upon Tyne' },
  { code: 'NE-DUR', name: 'County Durham and Darlington' },
];

export const DEMO_TEAMS = [
  { code: 'NE-NCL-C', pdu: 'NE-NCL', name: 'Newcastle Central' },
  { code: 'NE-NCL-W', pdu: 'NE-NCL', name: 'Newcastle West' },
  { code: 'NE-DUR-C', pdu: 'NE-DUR', name: 'Durham City' },
  { code: 'NE-DUR-D', pdu: 'NE-DUR', name: 'Darlington' },
];

export interface DemoUser { username: string; displayName: string; role: string; team: string | null; grade: string | null }

const staff: [string, string, string, string | null, string | null][] = [
  // username, name, role, team, grade
  ['admin', 'Alex Admin', 'admin', null, null],
  ['sam.spo', 'Sam Robson', 'senior-probation-officer', 'NE-NCL-C', 'SPO'],
  ['jo.po', 'Jo Armstrong', 'practitioner', 'NE-NCL-C', 'PO'],
  ['lee.po', 'Lee Charlton', 'practitioner', 'NE-NCL-C', 'PO'],
  ['amira.po', 'Amira Hussain', 'practitioner', 'NE-NCL-C', 'PO'],
  ['kim.pso', 'Kim Robinson', 'practitioner', 'NE-NCL-C', 'PSO'],
  ['priya.spo', 'Priya Sharma', 'senior-probation-officer', 'NE-NCL-W', 'SPO'],
  ['dan.po', 'Dan Milburn', 'practitioner', 'NE-NCL-W', 'PO'],
  ['ellie.po', 'Ellie Forster', 'practitioner', 'NE-NCL-W', 'PO'],
  ['tom.pqip', 'Tom Gallagher', 'practitioner', 'NE-NCL-W', 'PQiP'],
  ['ruth.pso', 'Ruth Bell', 'practitioner', 'NE-NCL-W', 'PSO'],
  ['mark.spo', 'Mark Hetherington', 'senior-probation-officer', 'NE-DUR-C', 'SPO'],
  ['grace.po', 'Grace Okafor', 'practitioner', 'NE-DUR-C', 'PO'],
  ['ian.po', 'Ian Dobson', 'practitioner', 'NE-DUR-C', 'PO'],
  ['sue.po', 'Sue Elliott', 'practitioner', 'NE-DUR-C', 'PO'],
  ['wes.pso', 'Wes Lowery', 'practitioner', 'NE-DUR-C', 'PSO'],
  ['helen.spo', 'Helen Pattinson', 'senior-probation-officer', 'NE-DUR-D', 'SPO'],
  ['raj.po', 'Raj Patel', 'practitioner', 'NE-DUR-D', 'PO'],
  ['beth.po', 'Beth Nicholson', 'practitioner', 'NE-DUR-D', 'PO'],
  ['paul.po', 'Paul Wardle', 'practitioner', 'NE-DUR-D', 'PO'],
  ['nat.pso', 'Nat Scott', 'practitioner', 'NE-DUR-D', 'PSO'],
  ['chris.court', 'Chris Heslop', 'court-officer', 'NE-NCL-C', 'PSO'],
  ['mo.court', 'Mo Rahman', 'court-officer', 'NE-DUR-C', 'PSO'],
  ['fiona.po', 'Fiona Laidler', 'practitioner', 'NE-NCL-C', 'PO'],
  ['gary.po', 'Gary Stoker', 'practitioner', 'NE-DUR-C', 'PO'],
];

export const DEMO_USERS: DemoUser[] = staff.map(([username, displayName, role, team, grade]) => ({ username, displayName, role, team, grade }));

/** Offices of the demonstration PDUs: synthetic but plausible addresses. */
export const DEMO_OFFICES = [
  { code: 'NE-NCL-PIL', pdu: 'NE-NCL', name: 'Pilgrim Street', address: '70 Pilgrim Street, Newcastle upon Tyne', postcode: 'NE1 6SG' },
  { code: 'NE-NCL-WGR', pdu: 'NE-NCL', name: 'Westgate Road', address: '214 Westgate Road, Newcastle upon Tyne', postcode: 'NE4 6AX' },
  { code: 'NE-NCL-BYK', pdu: 'NE-NCL', name: 'Byker Hub', address: '12 Shields Road, Newcastle upon Tyne', postcode: 'NE6 1DL' },
  { code: 'NE-DUR-ELV', pdu: 'NE-DUR', name: 'Old Elvet', address: '33 Old Elvet, Durham', postcode: 'DH1 3HN' },
  { code: 'NE-DUR-CHS', pdu: 'NE-DUR', name: 'Chester-le-Street', address: '5 Front Street, Chester-le-Street', postcode: 'DH3 3BH' },
  { code: 'NE-DUR-COR', pdu: 'NE-DUR', name: 'Corporation Road', address: '88 Corporation Road, Darlington', postcode: 'DL3 6AG' },
];
/** The office each demonstration team works from. */
export const DEMO_TEAM_OFFICES: Record<string, string> = {
  'NE-NCL-C': 'NE-NCL-PIL', 'NE-NCL-W': 'NE-NCL-WGR', 'NE-DUR-C': 'NE-DUR-ELV', 'NE-DUR-D': 'NE-DUR-COR',
};
