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
  // The rest of each team: a probation officer holds about 40 to 50 cases, so 2,000 cases need this many.
  ['omar.po', 'Omar Farouk', 'practitioner', 'NE-NCL-C', 'PO'],
  ['rachel.po', 'Rachel Dunn', 'practitioner', 'NE-NCL-C', 'PO'],
  ['stuart.po', 'Stuart Ridley', 'practitioner', 'NE-NCL-C', 'PO'],
  ['hannah.po', 'Hannah Liddle', 'practitioner', 'NE-NCL-C', 'PO'],
  ['craig.po', 'Craig Tait', 'practitioner', 'NE-NCL-C', 'PO'],
  ['leanne.pso', 'Leanne Walton', 'practitioner', 'NE-NCL-C', 'PSO'],
  ['josh.pso', 'Josh Kerr', 'practitioner', 'NE-NCL-C', 'PSO'],
  ['anna.po', 'Anna Kowalski', 'practitioner', 'NE-NCL-W', 'PO'],
  ['ben.po', 'Ben Oduya', 'practitioner', 'NE-NCL-W', 'PO'],
  ['claire.po', 'Claire Hutchinson', 'practitioner', 'NE-NCL-W', 'PO'],
  ['david.po', 'David Moffat', 'practitioner', 'NE-NCL-W', 'PO'],
  ['emma.po', 'Emma Surtees', 'practitioner', 'NE-NCL-W', 'PO'],
  ['faye.pso', 'Faye Brannigan', 'practitioner', 'NE-NCL-W', 'PSO'],
  ['george.pso', 'George Nixon', 'practitioner', 'NE-NCL-W', 'PSO'],
  ['holly.pso', 'Holly Reay', 'practitioner', 'NE-NCL-W', 'PSO'],
  ['isaac.po', 'Isaac Mensah', 'practitioner', 'NE-DUR-C', 'PO'],
  ['jess.po', 'Jess Coulson', 'practitioner', 'NE-DUR-C', 'PO'],
  ['kieran.po', 'Kieran Walsh', 'practitioner', 'NE-DUR-C', 'PO'],
  ['laura.po', 'Laura Pringle', 'practitioner', 'NE-DUR-C', 'PO'],
  ['martin.po', 'Martin Wilkinson', 'practitioner', 'NE-DUR-C', 'PO'],
  ['nadia.pso', 'Nadia Begum', 'practitioner', 'NE-DUR-C', 'PSO'],
  ['owen.pso', 'Owen Carr', 'practitioner', 'NE-DUR-C', 'PSO'],
  ['pete.po', 'Pete Marley', 'practitioner', 'NE-DUR-D', 'PO'],
  ['qasim.po', 'Qasim Ali', 'practitioner', 'NE-DUR-D', 'PO'],
  ['rosie.po', 'Rosie Thompson', 'practitioner', 'NE-DUR-D', 'PO'],
  ['steve.po', 'Steve Fenwick', 'practitioner', 'NE-DUR-D', 'PO'],
  ['tara.po', 'Tara Brown', 'practitioner', 'NE-DUR-D', 'PO'],
  ['usha.pso', 'Usha Mistry', 'practitioner', 'NE-DUR-D', 'PSO'],
  ['vic.pso', 'Vic Dodds', 'practitioner', 'NE-DUR-D', 'PSO'],
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
