//! Everything a sandbox serves, and which records each account may see.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::sample::Account;
use crate::domain::records::{
    ChangeApplication, ContinuingEducation, Exemption, PaymentMonth, Person, ProfessionalTitle, Project,
    SafetyCertificate, Unit,
};
use crate::domain::{Certificate, CertificateStatus};
use crate::platform::wire::{CertificateRecord, Resource, Role};

/// The records of one sandbox: generated or read from a scenario file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Units.
    pub units: Vec<Unit>,
    /// Persons.
    pub persons: Vec<Person>,
    /// Every certificate version, current and superseded.
    pub certificates: Vec<Certificate>,
    /// Social-security months.
    pub social_security: Vec<PaymentMonth>,
    /// Housing-fund months.
    pub housing_fund: Vec<PaymentMonth>,
    /// 安管 certificates.
    pub safety_certificates: Vec<SafetyCertificate>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Continuing-education hours.
    pub continuing_education: Vec<ContinuingEducation>,
    /// Professional titles.
    pub titles: Vec<ProfessionalTitle>,
    /// Exemptions.
    pub exemptions: Vec<Exemption>,
    /// Registration applications.
    pub applications: Vec<ChangeApplication>,
    /// Accounts that can sign in.
    pub accounts: Vec<Account>,
}

/// The persons and units an account may see.
struct Scope {
    persons: HashSet<String>,
    unit: Option<String>,
}

impl Dataset {
    /// Returns the number of records in each listing, as a fresh cache would count rows.
    pub fn record_count(&self, resource: Resource) -> usize {
        match resource {
            Resource::Units => self.units.len(),
            Resource::Persons => self.persons.len(),
            Resource::Certificates => self.certificates.len(),
            Resource::SocialSecurityMonths => self.social_security.len(),
            Resource::HousingFundMonths => self.housing_fund.len(),
            Resource::SafetyCertificates => self.safety_certificates.len(),
            Resource::Projects => self.projects.len(),
            Resource::ContinuingEducation => self.continuing_education.len(),
            Resource::ProfessionalTitles => self.titles.len(),
            Resource::Exemptions => self.exemptions.len(),
            Resource::Applications => self.applications.len(),
        }
    }

    /// Returns the certificates an account may see, in a stable order: a holder sees every
    /// version of their own; a unit sees the current version of each certificate registered to it.
    pub fn visible_certificates(&self, account: &Account) -> Vec<&Certificate> {
        let mut visible: Vec<&Certificate> =
            self.certificates.iter().filter(|c| Self::certificate_visible_to(account, c)).collect();
        visible.sort_by(|a, b| (&a.certificate_id, a.version).cmp(&(&b.certificate_id, b.version)));
        visible
    }

    /// Tells whether an account may see a certificate version: a holder sees every version of
    /// their own, a unit the current version of each certificate registered to it.
    pub fn certificate_visible_to(account: &Account, certificate: &Certificate) -> bool {
        match account.role {
            Role::Holder => certificate.id_number == account.scope,
            Role::Unit => {
                certificate.unit_credit_code == account.scope && certificate.status == CertificateStatus::Valid
            }
        }
    }

    fn scope(&self, account: &Account) -> Scope {
        match account.role {
            Role::Holder => Scope { persons: HashSet::from([account.scope.clone()]), unit: None },
            Role::Unit => {
                let unit = &account.scope;
                let mut persons: HashSet<String> = HashSet::new();
                let current = self.certificates.iter().filter(|c| c.status == CertificateStatus::Valid);
                persons.extend(current.filter(|c| &c.unit_credit_code == unit).map(|c| c.id_number.clone()));
                let paid = self.social_security.iter().chain(&self.housing_fund);
                persons.extend(paid.filter(|m| &m.unit_credit_code == unit).map(|m| m.id_number.clone()));
                persons.extend(
                    self.safety_certificates
                        .iter()
                        .filter(|s| &s.unit_credit_code == unit)
                        .map(|s| s.id_number.clone()),
                );
                persons.extend(
                    self.projects
                        .iter()
                        .filter(|p| &p.contractor_credit_code == unit)
                        .map(|p| p.manager_id_number.clone()),
                );
                persons.extend(
                    self.applications.iter().filter(|a| &a.unit_credit_code == unit).map(|a| a.id_number.clone()),
                );
                Scope { persons, unit: Some(unit.clone()) }
            }
        }
    }

    /// Returns the records of a listing an account may see, as JSON values in a stable order.
    pub fn visible(&self, resource: Resource, account: &Account) -> Vec<Value> {
        let scope = self.scope(account);
        let mine = |id_number: &String| scope.persons.contains(id_number);
        match resource {
            Resource::Certificates => self
                .visible_certificates(account)
                .into_iter()
                .map(|c| json(&CertificateRecord::from_certificate(c)))
                .collect(),
            Resource::Persons => self.persons.iter().filter(|p| mine(&p.id_number)).map(json).collect(),
            Resource::Units => {
                let named = self.units_named(account, &scope);
                self.units.iter().filter(|u| named.contains(u.credit_code.as_str())).map(json).collect()
            }
            Resource::SocialSecurityMonths => {
                self.social_security.iter().filter(|m| mine(&m.id_number)).map(json).collect()
            }
            Resource::HousingFundMonths => self.housing_fund.iter().filter(|m| mine(&m.id_number)).map(json).collect(),
            Resource::SafetyCertificates => {
                self.safety_certificates.iter().filter(|s| mine(&s.id_number)).map(json).collect()
            }
            Resource::Projects => self
                .projects
                .iter()
                .filter(|p| mine(&p.manager_id_number) || scope.unit.as_ref() == Some(&p.contractor_credit_code))
                .map(json)
                .collect(),
            Resource::ContinuingEducation => {
                self.continuing_education.iter().filter(|c| mine(&c.id_number)).map(json).collect()
            }
            Resource::ProfessionalTitles => self.titles.iter().filter(|t| mine(&t.id_number)).map(json).collect(),
            Resource::Exemptions => self.exemptions.iter().filter(|e| mine(&e.id_number)).map(json).collect(),
            Resource::Applications => self
                .applications
                .iter()
                .filter(|a| mine(&a.id_number) || scope.unit.as_ref() == Some(&a.unit_credit_code))
                .map(json)
                .collect(),
        }
    }

    /// Returns the credit codes of every unit that a visible record names.
    fn units_named<'a>(&'a self, account: &Account, scope: &Scope) -> BTreeSet<&'a str> {
        let mine = |id_number: &String| scope.persons.contains(id_number);
        let mut named: BTreeSet<&str> = BTreeSet::new();
        named.extend(self.visible_certificates(account).into_iter().map(|c| c.unit_credit_code.as_str()));
        let paid = self.social_security.iter().chain(&self.housing_fund);
        named.extend(paid.filter(|m| mine(&m.id_number)).map(|m| m.unit_credit_code.as_str()));
        named.extend(
            self.safety_certificates.iter().filter(|s| mine(&s.id_number)).map(|s| s.unit_credit_code.as_str()),
        );
        named.extend(
            self.projects
                .iter()
                .filter(|p| mine(&p.manager_id_number) || scope.unit.as_ref() == Some(&p.contractor_credit_code))
                .map(|p| p.contractor_credit_code.as_str()),
        );
        named.extend(
            self.applications
                .iter()
                .filter(|a| mine(&a.id_number) || scope.unit.as_ref() == Some(&a.unit_credit_code))
                .map(|a| a.unit_credit_code.as_str()),
        );
        if let Some(unit) = &scope.unit {
            named.extend(self.units.iter().filter(|u| &u.credit_code == unit).map(|u| u.credit_code.as_str()));
        }
        named
    }
}

/// Returns the key of a record of a listing: the fields [`Resource::key_fields`] names.
pub fn key_of(resource: Resource, record: &Value) -> Value {
    let fields = resource.key_fields().iter().map(|&field| {
        let value = record.get(field).cloned().unwrap_or(Value::Null);
        (field.to_owned(), value)
    });
    Value::Object(fields.collect())
}

/// Removes the first record whose key is `key` and returns it as JSON.
fn remove_keyed<T: Serialize>(records: &mut Vec<T>, resource: Resource, key: &Value) -> Option<Value> {
    let position = records.iter().position(|record| key_of(resource, &json(record)) == *key)?;
    Some(json(&records.remove(position)))
}

impl Dataset {
    /// Removes the record of a listing other than certificates whose key is `key`, and returns
    /// it as JSON; `None` when there is none, or for certificates, which the change log
    /// removes.
    pub fn remove(&mut self, resource: Resource, key: &Value) -> Option<Value> {
        match resource {
            Resource::Certificates => None,
            Resource::Units => remove_keyed(&mut self.units, resource, key),
            Resource::Persons => remove_keyed(&mut self.persons, resource, key),
            Resource::SocialSecurityMonths => remove_keyed(&mut self.social_security, resource, key),
            Resource::HousingFundMonths => remove_keyed(&mut self.housing_fund, resource, key),
            Resource::SafetyCertificates => remove_keyed(&mut self.safety_certificates, resource, key),
            Resource::Projects => remove_keyed(&mut self.projects, resource, key),
            Resource::ContinuingEducation => remove_keyed(&mut self.continuing_education, resource, key),
            Resource::ProfessionalTitles => remove_keyed(&mut self.titles, resource, key),
            Resource::Exemptions => remove_keyed(&mut self.exemptions, resource, key),
            Resource::Applications => remove_keyed(&mut self.applications, resource, key),
        }
    }

    /// Returns the names of the accounts that see the record of a listing with key `key`.
    pub fn accounts_seeing(&self, resource: Resource, key: &Value) -> Vec<String> {
        let sees = |account: &Account| self.visible(resource, account).iter().any(|r| key_of(resource, r) == *key);
        self.accounts.iter().filter(|account| sees(account)).map(|account| account.account.clone()).collect()
    }
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
