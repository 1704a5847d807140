import type { Customer } from './customer.entity';

/** A new customer row with every optional field empty; callers name what they know. */
export function newCustomerRecord(fields: Pick<Customer, 'id' | 'corpId' | 'name' | 'createdAt'> & Partial<Customer>): Customer {
  return {
    gender: 'unknown',
    birthDate: null,
    city: null,
    timezone: null,
    ownerStaffId: null,
    stage: 'interest',
    archiveConsent: false,
    mergedIntoId: null,
    profile: null,
    phoneCipher: null,
    phoneMasked: null,
    stageChangedAt: null,
    updatedAt: fields.createdAt,
    ...fields,
  };
}
