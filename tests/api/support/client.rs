//! A typed client over a [`TestApp`]: `app.as_(&user)` calls the service as that user,
//! sends the crate's own request types and reads its own view types. An answer is a
//! [`Reply`]: the view for the status a test expects (`ok`, `created`), or the problem
//! the service answered with (`refused`), so refusals stay assertable by rule and field.

use std::marker::PhantomData;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::helpers::{answer, Answer, TestApp, TestUser};

/// The service as one caller sees it (a signed-in user, or no one).
#[derive(Clone)]
pub struct Client<'a> {
    pub(crate) app: &'a TestApp,
    /// The instance called: the app's own, or another on the same database.
    address: String,
    token: Option<String>,
    idempotency_key: Option<String>,
}

impl TestApp {
    /// The service as `user` calls it.
    pub fn as_(&self, user: &TestUser) -> Client<'_> {
        Client {
            app: self,
            address: self.address.clone(),
            token: Some(user.token.clone()),
            idempotency_key: None,
        }
    }

    /// The service as the holder of this access token calls it (another session of a
    /// user, say).
    pub fn with_token(&self, token: &str) -> Client<'_> {
        Client {
            app: self,
            address: self.address.clone(),
            token: Some(token.to_string()),
            idempotency_key: None,
        }
    }

    /// The service as someone who is not signed in calls it.
    pub fn anonymous(&self) -> Client<'_> {
        Client {
            app: self,
            address: self.address.clone(),
            token: None,
            idempotency_key: None,
        }
    }
}

impl<'a> Client<'a> {
    /// The same caller on another instance of the service (`TestApp::another_instance`).
    pub fn at(&self, address: &str) -> Client<'a> {
        Client {
            app: self.app,
            address: address.to_string(),
            token: self.token.clone(),
            idempotency_key: self.idempotency_key.clone(),
        }
    }

    /// The same caller sending this `Idempotency-Key` with every change.
    pub fn with_idempotency_key(self, key: &str) -> Client<'a> {
        Client {
            idempotency_key: Some(key.to_string()),
            ..self
        }
    }

    pub async fn get<T>(&self, path: String) -> Reply<T> {
        self.send(Method::GET, path, None::<&()>).await
    }

    pub async fn post<T>(&self, path: String, body: &impl Serialize) -> Reply<T> {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put<T>(&self, path: String, body: &impl Serialize) -> Reply<T> {
        self.send(Method::PUT, path, Some(body)).await
    }

    /// A PUT of a body in another type than JSON (a CSV table, say), sent as given.
    pub async fn put_text<T>(&self, path: String, content_type: &str, body: &str) -> Reply<T> {
        let mut request = self
            .app
            .client
            .put(format!("{}{path}", self.address))
            .header("content-type", content_type)
            .body(body.to_string());
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        Reply::new(answer(request.send().await.expect("request sent")).await)
    }

    pub async fn patch<T>(&self, path: String, body: &impl Serialize) -> Reply<T> {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete<T>(&self, path: String) -> Reply<T> {
        self.send(Method::DELETE, path, None::<&()>).await
    }

    /// A `multipart/form-data` POST: text fields, and a file part named `file` (if any)
    /// with its name and bytes.
    pub async fn post_multipart<T>(
        &self,
        path: String,
        fields: &[(&str, &str)],
        file: Option<(&str, Vec<u8>)>,
    ) -> Reply<T> {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        if let Some((name, bytes)) = file {
            form = form.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        }
        let mut request = self
            .app
            .client
            .post(format!("{}{path}", self.address))
            .multipart(form);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        Reply::new(answer(request.send().await.expect("request sent")).await)
    }

    /// A GET answered with bytes (a document's content): the status, the headers and the
    /// body as sent.
    pub async fn get_bytes(&self, path: String) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
        let mut request = self.app.client.get(format!("{}{path}", self.address));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("a body").to_vec();
        (status, headers, body)
    }

    /// A POST with no body at all (decisions, awards): what the service's clients send.
    pub async fn post_empty<T>(&self, path: String) -> Reply<T> {
        self.send(Method::POST, path, Some(&serde_json::json!({})))
            .await
    }

    async fn send<T>(
        &self,
        method: Method,
        path: String,
        body: Option<&impl Serialize>,
    ) -> Reply<T> {
        let mut request = self
            .app
            .client
            .request(method, format!("{}{path}", self.address));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = &self.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        Reply::new(answer(request.send().await.expect("request sent")).await)
    }
}

/// The service's answer to one call, read as `T` when it succeeds.
#[derive(Debug)]
pub struct Reply<T> {
    pub answer: Answer,
    view: PhantomData<T>,
}

impl<T> Reply<T> {
    pub fn new(answer: Answer) -> Reply<T> {
        Reply {
            answer,
            view: PhantomData,
        }
    }

    pub fn status(&self) -> u16 {
        self.answer.status
    }

    /// The problem+json of a refusal with this status and problem name (`validation`,
    /// `forbidden`, a 422's rule such as `quorum-not-met`).
    #[track_caller]
    pub fn refused(self, status: u16, name: &str) -> Problem {
        let answer = self.answer.expect_problem(status, name);
        match serde_json::from_value(answer.body.clone()) {
            Ok(problem) => problem,
            Err(e) => panic!("not a problem+json: {e}; body: {}", answer.text),
        }
    }

    /// The problem+json of a refusal with this status, whatever its name: for a test that
    /// accepts any of a few rules (`problem.rule`).
    #[track_caller]
    pub fn problem(self, status: u16) -> Problem {
        let answer = self.answer.expect(status);
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some("application/problem+json"),
            "body: {}",
            answer.text
        );
        match serde_json::from_value(answer.body.clone()) {
            Ok(problem) => problem,
            Err(e) => panic!("not a problem+json: {e}; body: {}", answer.text),
        }
    }

    /// The answer itself, for what the typed view does not carry (headers, raw text).
    pub fn raw(self) -> Answer {
        self.answer
    }
}

impl<T: DeserializeOwned> Reply<T> {
    /// The view of a 200 (panics with the body otherwise).
    #[track_caller]
    pub fn ok(self) -> T {
        self.view(200)
    }

    /// The view of a 201 (panics with the body otherwise).
    #[track_caller]
    pub fn created(self) -> T {
        self.view(201)
    }

    /// A 204's empty answer.
    #[track_caller]
    pub fn no_content(self) -> T {
        self.view(204)
    }

    /// The view of an answer with this status (panics with the body otherwise).
    #[track_caller]
    pub fn view(self, status: u16) -> T {
        let answer = self.answer.expect(status);
        match serde_json::from_value(answer.body.clone()) {
            Ok(view) => view,
            Err(e) => panic!(
                "the answer does not read as {}: {e}; body: {}",
                std::any::type_name::<T>(),
                answer.text
            ),
        }
    }
}

/// The rule a 422 answer names, if it is a problem+json naming one: for answers read raw
/// (a race's, many at once).
pub fn rule_of(answer: &Answer) -> Option<String> {
    serde_json::from_value::<Problem>(answer.body.clone())
        .ok()
        .and_then(|problem| problem.rule)
}

/// A refusal as the service words it (problem+json).
#[derive(Debug, Clone, Deserialize)]
pub struct Problem {
    /// `urn:trustfund:problem:<name>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For a 422, the business rule's published name.
    pub rule: Option<String>,
    #[serde(default)]
    pub errors: Vec<FieldProblem>,
    /// Whatever else a problem carries (the receipt a duplicate reference names, say).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl Problem {
    /// The fields the problem names (a 400's `errors`, a 422's field), in order.
    pub fn fields(&self) -> Vec<&str> {
        self.errors.iter().map(|e| e.field.as_str()).collect()
    }

    /// What the problem carries beyond the standard members (the member a seat is held by,
    /// the terms in a row), read as `T`.
    #[track_caller]
    pub fn extra_as<T: DeserializeOwned>(&self) -> T {
        let extra = Value::Object(self.extra.clone());
        serde_json::from_value(extra.clone()).unwrap_or_else(|e| {
            panic!(
                "the problem's members do not read as {}: {e}; {extra}",
                std::any::type_name::<T>()
            )
        })
    }

    /// Whether the problem says this anywhere it speaks: its `detail` or a field's
    /// message (the bound a 400 names, say).
    #[track_caller]
    pub fn mentions(&self, words: &str) -> &Problem {
        let said =
            self.detail.contains(words) || self.errors.iter().any(|e| e.message.contains(words));
        assert!(said, "{words:?} is not in the problem {self:?}");
        self
    }

    /// Whether `detail` says this (the figures a refusal names, say).
    #[track_caller]
    pub fn says(&self, words: &str) -> &Problem {
        assert!(
            self.detail.contains(words),
            "{words:?} is not in the detail {:?}",
            self.detail
        );
        self
    }
}
