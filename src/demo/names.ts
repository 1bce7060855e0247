/**
 * Names and places for synthetic people in the North East. Names come in pools by heritage so a
 * person's names agree with their recorded ethnicity; surname weights follow the rough order of
 * frequency in England and Wales (per 10,000 people), with the region's own surnames.
 * An optional third element marks a surname used only by one sex (Kaur, Begum, Singh).
 */
export type Surname = readonly [name: string, weight: number, sex?: 'male' | 'female'];
export interface NamePool { surnames: readonly Surname[]; male: readonly string[]; female: readonly string[] }

export const BRITISH_SURNAMES: readonly Surname[] = [
  ['Smith', 126], ['Jones', 60], ['Taylor', 51], ['Brown', 50], ['Williams', 45], ['Wilson', 45], ['Johnson', 38],
  ['Robson', 34], ['Davies', 25], ['Robinson', 31], ['Wright', 30], ['Thompson', 30], ['Walker', 28], ['White', 27],
  ['Armstrong', 26], ['Hall', 25], ['Wood', 24], ['Jackson', 24], ['Green', 23], ['Harris', 23], ['Clarke', 22],
  ['Scott', 22], ['Turner', 21], ['Hill', 21], ['Moore', 21], ['Cooper', 20], ['Ward', 20], ['Morris', 20],
  ['Watson', 19], ['Harrison', 19], ['Young', 19], ['Martin', 19], ['Anderson', 18], ['Bell', 18], ['Graham', 17],
  ['Carr', 17], ['Elliott', 16], ['Milburn', 14], ['Charlton', 14], ['Dixon', 14], ['Hutchinson', 13], ['Lee', 13],
  ['Allen', 13], ['Kelly', 13], ['King', 13], ['Baker', 12], ['Richardson', 12], ['Stewart', 12], ['Murray', 12],
  ['Reed', 11], ['Forster', 11], ['Nicholson', 11], ['Atkinson', 11], ['Ridley', 10], ['Dodds', 10], ['Heslop', 9],
  ['Hetherington', 9], ['Pattinson', 9], ['Gibson', 9], ['Fenwick', 8], ['Storey', 8], ['Laidler', 7], ['Lowery', 7],
  ['Wardle', 6], ['Stoker', 6], ['Tait', 6], ['Straughan', 5], ['Brannigan', 5], ['McDonald', 9], ['Campbell', 10],
  ['Reid', 9], ['Ross', 8], ['Fraser', 7], ["O'Brien", 8], ['Murphy', 9], ['Doyle', 6], ['Gallagher', 7],
  ['McGuinness', 4], ['Hughes', 12], ['Evans', 14], ['Thomas', 13], ['Roberts', 14], ['Lewis', 11], ['Edwards', 11],
  ['Mitchell', 11], ['Phillips', 9], ['Parker', 10], ['Bennett', 9], ['Marshall', 10], ['Cook', 10], ['Shaw', 10],
  ['Chapman', 9], ['Holmes', 9], ['Lawson', 8], ['Simpson', 10], ['Burns', 9], ['Pearson', 9], ['Hunter', 9],
  ['Barker', 8], ['Stephenson', 8], ['Wallace', 8], ['Potts', 6], ['Hindmarsh', 3], ['Coulson', 4], ['Bainbridge', 5],
  ['Oliver', 7], ['Lamb', 6], ['Hogg', 5], ['McKenna', 3], ['Connolly', 5], ['Quinn', 5], ['Price', 8],
];

// British first names by the years their bearers were mostly born: 1955-79, 1975-94, 1988-2008.
export const BRITISH_MALE_BY_ERA: readonly (readonly string[])[] = [
  ['David', 'John', 'Paul', 'Mark', 'Michael', 'Peter', 'Stephen', 'Alan', 'Ian', 'Gary', 'Kevin', 'Brian', 'Keith',
    'Colin', 'Derek', 'Barry', 'Terry', 'Philip', 'Graham', 'Kenneth', 'Neil', 'Martin', 'Stuart', 'Trevor', 'Nigel',
    'Raymond', 'Malcolm', 'George', 'William', 'Robert', 'Richard', 'Andrew', 'Anthony', 'Steven', 'Simon', 'Russell'],
  ['Christopher', 'Daniel', 'Craig', 'Lee', 'Carl', 'Wayne', 'Shaun', 'Jason', 'Dean', 'Scott', 'Matthew', 'James',
    'Jamie', 'Ryan', 'Karl', 'Gavin', 'Marc', 'Robbie', 'Ross', 'Adam', 'Jonathan', 'Nicholas', 'Sean', 'Darren',
    'Ashley', 'Glenn', 'Thomas', 'Stephen', 'Michael', 'Paul', 'Mark', 'Anthony', 'Andrew', 'Richard', 'Steven', 'Kevin'],
  ['Jack', 'Joshua', 'Luke', 'Callum', 'Connor', 'Jake', 'Reece', 'Tyler', 'Kyle', 'Dylan', 'Harry', 'Charlie',
    'Bradley', 'Aaron', 'Brandon', 'Ethan', 'Mason', 'Kai', 'Owen', 'Jordan', 'Liam', 'Ryan', 'Lewis', 'Nathan',
    'Declan', 'Cameron', 'Alfie', 'Sam', 'Ben', 'Jay', 'Billy', 'Alex', 'Corey', 'Lucas', 'Joe', 'Kieran'],
];
export const BRITISH_FEMALE_BY_ERA: readonly (readonly string[])[] = [
  ['Susan', 'Karen', 'Julie', 'Tracey', 'Angela', 'Helen', 'Deborah', 'Sharon', 'Janet', 'Elaine', 'Pauline', 'Carol',
    'Lorraine', 'Jacqueline', 'Christine', 'Linda', 'Alison', 'Gillian', 'Dawn', 'Wendy', 'Mandy', 'Beverley', 'Denise',
    'Diane', 'Margaret', 'Patricia', 'Jane', 'Anne', 'Catherine', 'Elizabeth', 'Lesley', 'Sandra', 'Joanne', 'Amanda'],
  ['Sarah', 'Emma', 'Claire', 'Nicola', 'Lisa', 'Michelle', 'Louise', 'Joanne', 'Rachel', 'Kelly', 'Gemma', 'Donna',
    'Leanne', 'Samantha', 'Natalie', 'Victoria', 'Stacey', 'Danielle', 'Kirsty', 'Lindsay', 'Carly', 'Jodie', 'Kerry',
    'Hayley', 'Zoe', 'Laura', 'Rebecca', 'Amy', 'Charlotte', 'Jennifer', 'Katie', 'Toni', 'Jenna', 'Siobhan', 'Tanya'],
  ['Chloe', 'Sophie', 'Lauren', 'Jade', 'Jessica', 'Megan', 'Shannon', 'Courtney', 'Paige', 'Abbie', 'Holly', 'Ellie',
    'Georgia', 'Bethany', 'Chelsea', 'Amber', 'Leah', 'Caitlin', 'Jasmine', 'Molly', 'Olivia', 'Grace', 'Ruby',
    'Millie', 'Aimee', 'Emily', 'Lucy', 'Demi', 'Kayla', 'Brooke', 'Niamh', 'Rosie', 'Abigail', 'Kayleigh', 'Hannah'],
];

/** Names of the region's minority communities, keyed by heritage. */
export const POOLS = {
  pakistaniBangladeshi: {
    surnames: [['Khan', 12], ['Ali', 10], ['Hussain', 10], ['Ahmed', 9], ['Begum', 6, 'female'], ['Bibi', 2, 'female'], ['Miah', 5, 'male'],
      ['Rahman', 5], ['Islam', 4], ['Mahmood', 4], ['Iqbal', 4], ['Akhtar', 3], ['Shah', 4], ['Uddin', 3, 'male']],
    male: ['Mohammed', 'Muhammad', 'Imran', 'Tariq', 'Bilal', 'Hamza', 'Asif', 'Omar', 'Yusuf', 'Adil', 'Zubair', 'Faisal',
      'Shahid', 'Abdul', 'Kamran', 'Nadeem', 'Rizwan', 'Sajid', 'Usman', 'Zahid'],
    female: ['Fatima', 'Aisha', 'Ayesha', 'Sadia', 'Nadia', 'Shazia', 'Amina', 'Yasmin', 'Rubina', 'Nasreen', 'Samina',
      'Farzana', 'Shabana', 'Saima', 'Sana'],
  },
  indian: {
    surnames: [['Patel', 7], ['Singh', 6, 'male'], ['Kaur', 5, 'female'], ['Sharma', 3], ['Kumar', 3], ['Gill', 2], ['Sandhu', 2], ['Mistry', 1]],
    male: ['Arjun', 'Rajesh', 'Sanjay', 'Gurpreet', 'Harjit', 'Jaswinder', 'Amrit', 'Vikram', 'Ravi', 'Sunil', 'Manpreet', 'Kuldip'],
    female: ['Priya', 'Sunita', 'Harpreet', 'Manjit', 'Rupinder', 'Anita', 'Nisha', 'Pooja', 'Kiran', 'Parminder', 'Simran', 'Reena'],
  },
  chinese: {
    surnames: [['Chen', 3], ['Wong', 3], ['Li', 3], ['Zhang', 2], ['Liu', 2], ['Lam', 2], ['Chan', 2]],
    male: ['Wei', 'Jun', 'Hao', 'Ming', 'Jian', 'Kevin', 'Tony', 'Chi'],
    female: ['Mei', 'Xiu', 'Ying', 'Hui', 'Jing', 'Lin', 'Amy', 'Grace'],
  },
  // Polish -ski and -cki surnames take -ska and -cka for women: see femaleForm.
  easternEuropean: {
    surnames: [['Nowak', 4], ['Kowalski', 3], ['Wisniewski', 2], ['Kaminski', 2], ['Lewandowski', 2], ['Zielinski', 1],
      ['Wojcik', 2], ['Popescu', 2], ['Ionescu', 1], ['Balog', 1], ['Horvath', 1]],
    male: ['Piotr', 'Tomasz', 'Marek', 'Andrei', 'Lukasz', 'Krzysztof', 'Pawel', 'Mateusz', 'Ionut', 'Adrian', 'Jakub', 'Marcin'],
    female: ['Agnieszka', 'Katarzyna', 'Joanna', 'Ioana', 'Magdalena', 'Monika', 'Anna', 'Ewelina', 'Alina', 'Elena'],
  },
  african: {
    surnames: [['Okafor', 3], ['Mensah', 2], ['Adeyemi', 2], ['Mohamed', 5], ['Abdi', 2], ['Osman', 2], ['Okonkwo', 2],
      ['Boateng', 2], ['Asante', 1], ['Ibrahim', 3], ['Nwosu', 1], ['Ndlovu', 1]],
    male: ['Chinedu', 'Kwame', 'Tunde', 'Abdirahman', 'Emmanuel', 'Samuel', 'Kofi', 'Olumide', 'Mohamed', 'Tendai', 'Chukwuma', 'Daniel'],
    female: ['Chioma', 'Abena', 'Folake', 'Hodan', 'Blessing', 'Grace', 'Ngozi', 'Amina', 'Fadumo', 'Precious', 'Adwoa', 'Funmilayo'],
  },
  caribbean: {
    surnames: [['Campbell', 4], ['Francis', 3], ['Grant', 3], ['Henry', 3], ['Lindsay', 2], ['Brown', 4], ['Williams', 4],
      ['Clarke', 2], ['Bailey', 2], ['Gordon', 2], ['Morgan', 2]],
    male: ['Delroy', 'Winston', 'Leon', 'Marcus', 'Tyrone', 'Jermaine', 'Andre', 'Clive', 'Errol', 'Dwayne', 'Kemar', 'Junior'],
    female: ['Marcia', 'Simone', 'Sharon', 'Paulette', 'Jasmine', 'Shanice', 'Natasha', 'Tanisha', 'Charmaine', 'Yvonne'],
  },
  middleEastern: {
    surnames: [['Hassan', 3], ['Abdullah', 2], ['Saleh', 1], ['Mahmoud', 2], ['Ahmadi', 2], ['Kazemi', 1], ['Rezaei', 1],
      ['Karimi', 1], ['Mohammadi', 2], ['Aziz', 2], ['Rashid', 1]],
    male: ['Ahmad', 'Ali', 'Hassan', 'Karim', 'Reza', 'Mustafa', 'Khalid', 'Samir', 'Hussein', 'Omar', 'Dler', 'Rebwar'],
    female: ['Fatemeh', 'Maryam', 'Layla', 'Zahra', 'Noor', 'Rana', 'Huda', 'Shirin', 'Leila', 'Dilan'],
  },
} satisfies Record<string, NamePool>;
export type Heritage = 'british' | keyof typeof POOLS;

export const femaleForm = (surname: string) => surname.replace(/([sc])ki$/, '$1ka');

/** Shortened names some people prefer to be called by. */
export const NICKNAMES: Readonly<Record<string, string>> = {
  Christopher: 'Chris', Michael: 'Mick', Anthony: 'Tony', Daniel: 'Danny', Steven: 'Steve', Stephen: 'Steve', Robert: 'Rob',
  Matthew: 'Matty', Joseph: 'Joe', Thomas: 'Tom', William: 'Billy', Andrew: 'Andy', Jonathan: 'Jon', Nicholas: 'Nick',
  Kenneth: 'Ken', Raymond: 'Ray', Joshua: 'Josh', Richard: 'Rich', Philip: 'Phil',
  Rebecca: 'Becky', Elizabeth: 'Liz', Samantha: 'Sam', Victoria: 'Vicky', Jacqueline: 'Jackie', Nicola: 'Nikki',
  Catherine: 'Kate', Deborah: 'Debbie', Margaret: 'Maggie', Jennifer: 'Jen', Abigail: 'Abi', Patricia: 'Trish',
  Amanda: 'Mandy', Christine: 'Chris', Gillian: 'Gill', Bethany: 'Beth', Jessica: 'Jess', Danielle: 'Dani',
};

export const STREETS: readonly string[] = [
  'Front Street', 'High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Albert Street', 'Park Road',
  'Westgate Road', 'Elswick Road', 'Shields Road', 'Chillingham Road', 'Durham Road', 'Coniscliffe Road',
  'North Road', 'Marlborough Terrace', 'Ravensworth Terrace', 'Kings Road', 'Queen Street', 'Milburn Close',
  'Beech Grove', 'Oak Avenue', 'Hawthorn Terrace', 'Sycamore Way', 'Cedar Crescent', 'Moor View', 'Colliery Row',
  'Pit Lane', 'Railway Cottages', 'Tyne View', 'Wear Street', 'Tees Street', 'Grey Street', 'Byker Bank',
  'Rothbury Terrace', 'Wansbeck Road', 'Allendale Road', 'Cheviot View', 'Coquet Street', 'Blyth Street', 'Hexham Road',
];

/**
 * Towns of the demonstration region with their real postcode areas and districts. Weights follow
 * population, leaning to the urban areas that carry most of the caseload.
 */
export const TOWNS: readonly { town: string; area: 'NE' | 'SR' | 'DH' | 'DL' | 'TS'; districts: readonly number[]; weight: number }[] = [
  { town: 'Newcastle upon Tyne', area: 'NE', districts: [1, 2, 3, 4, 5, 6, 7, 12, 13, 15], weight: 26 },
  { town: 'Gateshead', area: 'NE', districts: [8, 9, 10, 11], weight: 10 },
  { town: 'Whickham', area: 'NE', districts: [16], weight: 1 },
  { town: 'Blaydon-on-Tyne', area: 'NE', districts: [21], weight: 2 },
  { town: 'South Shields', area: 'NE', districts: [33, 34], weight: 6 },
  { town: 'Jarrow', area: 'NE', districts: [32], weight: 3 },
  { town: 'Hebburn', area: 'NE', districts: [31], weight: 2 },
  { town: 'North Shields', area: 'NE', districts: [29, 30], weight: 5 },
  { town: 'Whitley Bay', area: 'NE', districts: [25, 26], weight: 3 },
  { town: 'Wallsend', area: 'NE', districts: [28], weight: 4 },
  { town: 'Cramlington', area: 'NE', districts: [23], weight: 3 },
  { town: 'Blyth', area: 'NE', districts: [24], weight: 4 },
  { town: 'Bedlington', area: 'NE', districts: [22], weight: 2 },
  { town: 'Ashington', area: 'NE', districts: [63], weight: 4 },
  { town: 'Morpeth', area: 'NE', districts: [61], weight: 2 },
  { town: 'Hexham', area: 'NE', districts: [46], weight: 1 },
  { town: 'Prudhoe', area: 'NE', districts: [42], weight: 1 },
  { town: 'Alnwick', area: 'NE', districts: [66], weight: 1 },
  { town: 'Washington', area: 'NE', districts: [37, 38], weight: 4 },
  { town: 'Sunderland', area: 'SR', districts: [1, 2, 3, 4, 5, 6], weight: 14 },
  { town: 'Seaham', area: 'SR', districts: [7], weight: 2 },
  { town: 'Peterlee', area: 'SR', districts: [8], weight: 3 },
  { town: 'Houghton-le-Spring', area: 'DH', districts: [4, 5], weight: 3 },
  { town: 'Durham', area: 'DH', districts: [1, 6, 7], weight: 5 },
  { town: 'Chester-le-Street', area: 'DH', districts: [2, 3], weight: 3 },
  { town: 'Stanley', area: 'DH', districts: [9], weight: 3 },
  { town: 'Consett', area: 'DH', districts: [8], weight: 3 },
  { town: 'Bishop Auckland', area: 'DL', districts: [14], weight: 4 },
  { town: 'Crook', area: 'DL', districts: [15], weight: 1 },
  { town: 'Spennymoor', area: 'DL', districts: [16], weight: 2 },
  { town: 'Ferryhill', area: 'DL', districts: [17], weight: 1 },
  { town: 'Newton Aycliffe', area: 'DL', districts: [5], weight: 2 },
  { town: 'Shildon', area: 'DL', districts: [4], weight: 1 },
  { town: 'Barnard Castle', area: 'DL', districts: [12], weight: 1 },
  { town: 'Darlington', area: 'DL', districts: [1, 2, 3], weight: 8 },
  { town: 'Middlesbrough', area: 'TS', districts: [1, 2, 3, 4, 5, 7, 8], weight: 10 },
  { town: 'Redcar', area: 'TS', districts: [10, 11], weight: 4 },
  { town: 'Guisborough', area: 'TS', districts: [14], weight: 1 },
  { town: 'Thornaby', area: 'TS', districts: [17], weight: 2 },
  { town: 'Stockton-on-Tees', area: 'TS', districts: [18, 19, 20], weight: 7 },
  { town: 'Billingham', area: 'TS', districts: [22, 23], weight: 3 },
  { town: 'Hartlepool', area: 'TS', districts: [24, 25, 26, 27], weight: 6 },
];
