//! Built-in CRM presets for the options page: sites and a search URL template for the CRMs
//! agents here use. `YOUR-…` parts are the admin's to fill in; the options page says so and
//! validation refuses nothing about them (they are ordinary URL text).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub sites: &'static [&'static str],
    pub search_url: &'static str,
    /// What the template opens, for the admin (English; the page translates the frame around it).
    pub note: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "salesforce",
        name: "Salesforce Lightning",
        sites: &["https://*.lightning.force.com/*", "https://*.my.salesforce.com/*"],
        search_url: "https://YOUR-DOMAIN.my.salesforce.com/_ui/search/ui/UnifiedSearchResults?str={phone}",
        note: "Global search; Lightning opens the results page. Replace YOUR-DOMAIN with your My Domain.",
    },
    Preset {
        id: "hubspot",
        name: "HubSpot",
        sites: &["https://app.hubspot.com/*", "https://app-eu1.hubspot.com/*"],
        search_url: "https://app.hubspot.com/contacts/YOUR-PORTAL-ID/objects/0-1/views/all/list?query={phone}",
        note: "The contacts list filtered by the number. Replace YOUR-PORTAL-ID with your account id.",
    },
    Preset {
        id: "zoho",
        name: "Zoho CRM",
        sites: &["https://crm.zoho.com/*", "https://crm.zoho.eu/*", "https://crm.zoho.in/*"],
        search_url: "https://crm.zoho.com/crm/YOUR-ORG-ID/search?searchword={phone}",
        note: "Zoho's search page. Replace YOUR-ORG-ID (and the domain outside the US data centre).",
    },
    Preset {
        id: "odoo",
        name: "Odoo",
        sites: &["https://YOUR-ODOO.example.vn/*"],
        search_url: "https://YOUR-ODOO.example.vn/web#action=contacts&search={phone}",
        note: "Contacts with a search. Replace YOUR-ODOO.example.vn with your Odoo address.",
    },
    Preset {
        id: "suitecrm",
        name: "SuiteCRM",
        sites: &["https://YOUR-SUITECRM.example.vn/*"],
        search_url: "https://YOUR-SUITECRM.example.vn/index.php?module=Home&action=UnifiedSearch&query_string={phone}",
        note: "SuiteCRM's unified search. Replace the address with yours.",
    },
    Preset {
        id: "bitrix24",
        name: "Bitrix24",
        sites: &["https://*.bitrix24.vn/*", "https://*.bitrix24.com/*"],
        search_url: "https://YOUR-PORTAL.bitrix24.vn/crm/contact/list/?FIND={phone}&apply_filter=Y",
        note: "The contact list filtered by the number. Replace YOUR-PORTAL with your portal.",
    },
    Preset {
        id: "getfly",
        name: "Getfly CRM",
        sites: &["https://*.getflycrm.com/*"],
        search_url: "https://YOUR-COMPANY.getflycrm.com/#/search?keyword={phone}",
        note: "Getfly's search. Replace YOUR-COMPANY; check the search path with your Getfly admin.",
    },
    Preset {
        id: "generic",
        name: "Generic CRM",
        sites: &["https://crm.example.vn/*"],
        search_url: "https://crm.example.vn/search?q={phone}",
        note: "Any CRM with a search address: put {phone} (or {e164}, {digits}) where the number goes.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use serde_json::json;

    #[test]
    fn every_preset_is_a_valid_crm() {
        for preset in PRESETS {
            let doc = json!({"crms": [{"name": preset.name, "sites": preset.sites, "searchUrl": preset.search_url}]});
            let settings = Settings::parse(&doc);
            assert!(settings.is_ok(), "{}: {:?}", preset.id, settings.err());
            assert!(preset.search_url.contains("{phone}"), "{}", preset.id);
        }
    }

    #[test]
    fn preset_ids_are_unique() {
        for (i, a) in PRESETS.iter().enumerate() {
            assert!(PRESETS[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
    }
}
