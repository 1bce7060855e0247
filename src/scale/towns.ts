/**
 * Towns of each region with their real postcode areas and districts, for the national dataset's addresses
 * and courts (the demo's towns are the North East's, so the North East keeps them). Weights lean to the
 * cities that carry most of a region's caseload.
 */
export interface Town { town: string; area: string; districts: readonly number[]; weight: number }

const t = (town: string, area: string, districts: number[], weight: number): Town => ({ town, area, districts, weight });

export const REGION_TOWNS: Readonly<Record<string, readonly Town[]>> = {
  LN: [t('London', 'E', [1, 3, 5, 8, 9, 13, 15, 16, 17], 20), t('London', 'SE', [1, 5, 6, 13, 15, 18, 28], 16), t('London', 'N', [1, 4, 7, 9, 15, 17, 18], 12),
    t('London', 'SW', [2, 8, 9, 11, 16], 12), t('London', 'NW', [1, 6, 9, 10], 8), t('London', 'W', [2, 3, 5, 10, 12], 8), t('Croydon', 'CR', [0, 2, 7], 7),
    t('Romford', 'RM', [1, 3, 7], 5), t('Ilford', 'IG', [1, 2, 3], 5), t('Enfield', 'EN', [1, 3], 4), t('Wembley', 'HA', [0, 9], 4), t('Kingston upon Thames', 'KT', [1, 2], 2)],
  NW: [t('Liverpool', 'L', [1, 4, 5, 6, 8, 11, 13, 24], 25), t('Birkenhead', 'CH', [41, 42, 43], 7), t('Preston', 'PR', [1, 2], 8), t('Blackpool', 'FY', [1, 3, 4], 8),
    t('Blackburn', 'BB', [1, 2], 7), t('Burnley', 'BB', [10, 11], 5), t('Warrington', 'WA', [1, 2, 5], 7), t('Chester', 'CH', [1, 2], 4),
    t('Lancaster', 'LA', [1], 4), t('Carlisle', 'CA', [1, 2], 5), t('Barrow-in-Furness', 'LA', [13, 14], 3), t('Crewe', 'CW', [1, 2], 4)],
  GM: [t('Manchester', 'M', [1, 4, 8, 9, 11, 13, 14, 18, 22, 40], 30), t('Salford', 'M', [3, 5, 6, 7], 9), t('Bolton', 'BL', [1, 2, 3], 9), t('Wigan', 'WN', [1, 2, 5], 8),
    t('Oldham', 'OL', [1, 4, 8], 8), t('Rochdale', 'OL', [11, 12, 16], 7), t('Stockport', 'SK', [1, 2, 5], 7), t('Bury', 'BL', [8, 9], 5), t('Ashton-under-Lyne', 'OL', [6, 7], 5)],
  YH: [t('Leeds', 'LS', [2, 6, 7, 8, 9, 11, 12, 14], 20), t('Bradford', 'BD', [1, 3, 4, 5, 8], 14), t('Sheffield', 'S', [2, 3, 4, 5, 8, 9], 16), t('Hull', 'HU', [1, 3, 5, 8, 9], 11),
    t('Doncaster', 'DN', [1, 2, 4], 8), t('Wakefield', 'WF', [1, 2], 6), t('Huddersfield', 'HD', [1, 2, 4], 6), t('Rotherham', 'S', [60, 61, 65], 6),
    t('Barnsley', 'S', [70, 71, 75], 5), t('York', 'YO', [10, 24, 31], 4), t('Scarborough', 'YO', [11, 12], 3)],
  WM: [t('Birmingham', 'B', [5, 6, 7, 8, 9, 10, 11, 19, 21, 23, 33], 32), t('Coventry', 'CV', [1, 2, 3, 6], 11), t('Wolverhampton', 'WV', [1, 2, 4, 10, 11], 10),
    t('Walsall', 'WS', [1, 2, 3], 7), t('Stoke-on-Trent', 'ST', [1, 3, 4, 6], 10), t('Dudley', 'DY', [1, 2], 6), t('West Bromwich', 'B', [70, 71], 6),
    t('Telford', 'TF', [1, 2, 3], 5), t('Worcester', 'WR', [1, 4, 5], 4), t('Hereford', 'HR', [1, 2, 4], 3), t('Shrewsbury', 'SY', [1, 2, 3], 3)],
  EE: [t('Norwich', 'NR', [1, 2, 3, 5], 13), t('Ipswich', 'IP', [1, 2, 3, 4], 11), t('Peterborough', 'PE', [1, 2, 3, 4], 12), t('Luton', 'LU', [1, 2, 3, 4], 12),
    t('Southend-on-Sea', 'SS', [1, 2, 9], 10), t('Chelmsford', 'CM', [1, 2], 7), t('Colchester', 'CO', [1, 2, 4], 7), t('Cambridge', 'CB', [1, 4, 5], 7),
    t('Basildon', 'SS', [13, 14, 15, 16], 8), t('Great Yarmouth', 'NR', [30, 31], 5), t('Bedford', 'MK', [40, 41, 42], 8)],
  EM: [t('Nottingham', 'NG', [1, 2, 3, 5, 6, 7, 8, 11], 24), t('Leicester', 'LE', [1, 2, 3, 4, 5], 20), t('Derby', 'DE', [1, 21, 22, 23, 24], 14), t('Lincoln', 'LN', [1, 2, 5, 6], 8),
    t('Northampton', 'NN', [1, 2, 3, 5], 12), t('Mansfield', 'NG', [18, 19, 20], 7), t('Chesterfield', 'S', [40, 41], 6), t('Boston', 'PE', [21], 4), t('Corby', 'NN', [17, 18], 5)],
  KSS: [t('Brighton', 'BN', [1, 2, 3], 14), t('Maidstone', 'ME', [14, 15, 16], 9), t('Chatham', 'ME', [4, 5], 9), t('Canterbury', 'CT', [1, 2], 6),
    t('Margate', 'CT', [9], 6), t('Crawley', 'RH', [10, 11], 8), t('Guildford', 'GU', [1, 2], 6), t('Hastings', 'TN', [34, 35], 7),
    t('Dartford', 'DA', [1, 2], 6), t('Folkestone', 'CT', [19, 20], 5), t('Eastbourne', 'BN', [21, 22], 6), t('Woking', 'GU', [21, 22], 5)],
  SC: [t('Reading', 'RG', [1, 2, 30], 12), t('Oxford', 'OX', [1, 3, 4], 10), t('Southampton', 'SO', [14, 15, 16, 17, 19], 14), t('Portsmouth', 'PO', [1, 2, 3, 4], 13),
    t('Milton Keynes', 'MK', [1, 2, 6, 9, 13], 11), t('Slough', 'SL', [1, 2, 3], 9), t('High Wycombe', 'HP', [11, 12, 13], 6), t('Basingstoke', 'RG', [21, 22, 24], 6),
    t('Aylesbury', 'HP', [19, 20, 21], 5), t('Newport, Isle of Wight', 'PO', [30], 4), t('Banbury', 'OX', [16], 4)],
  SW: [t('Bristol', 'BS', [1, 2, 3, 4, 5, 10, 13, 14], 24), t('Plymouth', 'PL', [1, 2, 4, 5, 6], 14), t('Exeter', 'EX', [1, 2, 4], 8), t('Swindon', 'SN', [1, 2, 3, 5], 10),
    t('Gloucester', 'GL', [1, 2, 4], 8), t('Bournemouth', 'BH', [1, 7, 8, 11], 11), t('Taunton', 'TA', [1, 2], 5), t('Torquay', 'TQ', [1, 2], 6),
    t('Weston-super-Mare', 'BS', [22, 23, 24], 6), t('Cheltenham', 'GL', [50, 51, 52], 5), t('Truro', 'TR', [1], 3)],
  WA: [t('Cardiff', 'CF', [3, 5, 10, 11, 14, 24], 24), t('Swansea', 'SA', [1, 5, 6], 15), t('Newport', 'NP', [19, 20], 12), t('Wrexham', 'LL', [11, 13], 8),
    t('Bridgend', 'CF', [31], 6), t('Merthyr Tydfil', 'CF', [47, 48], 6), t('Rhyl', 'LL', [18], 6), t('Llanelli', 'SA', [14, 15], 6), t('Pontypridd', 'CF', [37], 6),
    t('Bangor', 'LL', [57], 4), t('Aberystwyth', 'SY', [23], 3)],
};
