/**
 * Billiecart and ServiceStack Home DTOs as ServiceStack's "Add ServiceStack Reference" emits them for
 * TypeScript: what a front end hands to @servicestack/client.
 */
import type { IReturn } from '@servicestack/client';

export type Dto = Record<string, unknown>;

// Request DTOs as ServiceStack's TypeScript generator writes them.
export class CreateCustomerResponse {
  customer?: Dto;
}
export class CreateCustomerRequest implements IReturn<CreateCustomerResponse> {
  email?: string;
  organisationId?: string;
  constructor(init?: Partial<CreateCustomerRequest>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'CreateCustomerRequest';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return new CreateCustomerResponse();
  }
}
export class AssociateUserAccountToCustomerResponse {
  customer?: Dto;
}
export class AssociateUserAccountToCustomerRequest implements IReturn<AssociateUserAccountToCustomerResponse> {
  id?: string;
  userAccountId?: string;
  organisationId?: string;
  constructor(init?: Partial<AssociateUserAccountToCustomerRequest>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'AssociateUserAccountToCustomerRequest';
  }
  getMethod() {
    return 'PUT';
  }
  createResponse() {
    return new AssociateUserAccountToCustomerResponse();
  }
}
export class CreatePersonResponse {
  person?: Dto;
}
export class CreatePersonRequest implements IReturn<CreatePersonResponse> {
  userAccountId?: string;
  timezone?: string;
  phoneNumber?: string;
  constructor(init?: Partial<CreatePersonRequest>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'CreatePersonRequest';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return new CreatePersonResponse();
  }
}
/** ServiceStack Home's Customer is its own request and response (All Verbs /Customer/{Id}). */
export class Customer implements IReturn<Customer> {
  id?: number;
  email?: string;
  firstName?: string;
  constructor(init?: Partial<Customer>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'Customer';
  }
  getMethod() {
    return 'GET';
  }
  createResponse() {
    return new Customer();
  }
}
export class AuthenticateResponse {
  bearerToken?: string;
  refreshToken?: string;
}
export class Authenticate implements IReturn<AuthenticateResponse> {
  provider?: string;
  userName?: string;
  password?: string;
  constructor(init?: Partial<Authenticate>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'Authenticate';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return new AuthenticateResponse();
  }
}

export interface ResponseStatus {
  errorCode: string;
  message: string;
  errors?: { errorCode: string; fieldName: string; message: string }[];
}
