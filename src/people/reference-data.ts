/** Protected characteristics as recorded (ONS 2021 census categories for England and Wales). */
export interface Option { value: string; text: string }

export const SEXES: Option[] = [
  { value: 'male', text: 'Male' },
  { value: 'female', text: 'Female' },
];

export const GENDER_IDENTITIES: Option[] = [
  { value: 'same_as_sex', text: 'Same as sex registered at birth' },
  { value: 'different_from_sex', text: 'Different from sex registered at birth' },
  { value: 'prefer_not_to_say', text: 'Prefers not to say' },
];

export const ETHNICITIES: Option[] = [
  { value: 'W1', text: 'White: English, Welsh, Scottish, Northern Irish or British' },
  { value: 'W2', text: 'White: Irish' },
  { value: 'W3', text: 'White: Gypsy or Irish Traveller' },
  { value: 'W4', text: 'White: Roma' },
  { value: 'W9', text: 'White: any other White background' },
  { value: 'M1', text: 'Mixed: White and Black Caribbean' },
  { value: 'M2', text: 'Mixed: White and Black African' },
  { value: 'M3', text: 'Mixed: White and Asian' },
  { value: 'M9', text: 'Mixed: any other mixed or multiple ethnic background' },
  { value: 'A1', text: 'Asian or Asian British: Indian' },
  { value: 'A2', text: 'Asian or Asian British: Pakistani' },
  { value: 'A3', text: 'Asian or Asian British: Bangladeshi' },
  { value: 'A4', text: 'Asian or Asian British: Chinese' },
  { value: 'A9', text: 'Asian or Asian British: any other Asian background' },
  { value: 'B1', text: 'Black, Black British, Caribbean or African: Caribbean' },
  { value: 'B2', text: 'Black, Black British, Caribbean or African: African' },
  { value: 'B9', text: 'Black, Black British, Caribbean or African: any other Black background' },
  { value: 'O1', text: 'Other ethnic group: Arab' },
  { value: 'O9', text: 'Other ethnic group: any other ethnic group' },
  { value: 'NS', text: 'Not stated' },
];

export const RELIGIONS: Option[] = [
  { value: 'none', text: 'No religion' },
  { value: 'christian', text: 'Christian' },
  { value: 'buddhist', text: 'Buddhist' },
  { value: 'hindu', text: 'Hindu' },
  { value: 'jewish', text: 'Jewish' },
  { value: 'muslim', text: 'Muslim' },
  { value: 'sikh', text: 'Sikh' },
  { value: 'other', text: 'Any other religion' },
  { value: 'prefer_not_to_say', text: 'Prefers not to say' },
];

export const SEXUAL_ORIENTATIONS: Option[] = [
  { value: 'heterosexual', text: 'Straight or heterosexual' },
  { value: 'gay_or_lesbian', text: 'Gay or lesbian' },
  { value: 'bisexual', text: 'Bisexual' },
  { value: 'other', text: 'Other sexual orientation' },
  { value: 'prefer_not_to_say', text: 'Prefers not to say' },
];

export const DISABILITIES: Option[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'prefer_not_to_say', text: 'Prefers not to say' },
];

export const label = (options: Option[], value: string | null | undefined): string =>
  options.find((option) => option.value === value)?.text ?? (value ? value : 'Not recorded');
