//! A real SMTP server (aiosmtpd) on loopback, and the outbox's worker sending to it.

use std::process::{Child, Command};

use trustfund::config::{MailTransport, SmtpSecurity};
use trustfund::notifications::Worker;

use crate::helpers::{settings_for, TestApp};

/// An aiosmtpd process writing a Maildir; killed when dropped.
pub struct SmtpServer {
    child: Child,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    pub fn start(port: u16) -> SmtpServer {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
            ])
            .args([
                "aiosmtpd.handlers.Mailbox",
                dir.path().join("mbox").to_str().expect("a UTF-8 path"),
            ])
            .spawn()
            .expect("python3 -m aiosmtpd (pip install aiosmtpd)");
        // Ready when it accepts connections (bounded wait, not a guess).
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return SmtpServer { child, dir };
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start");
    }

    pub fn messages(&self) -> Vec<String> {
        let new = self.dir.path().join("mbox").join("new");
        std::fs::read_dir(new)
            .map(|d| {
                d.map(|e| {
                    std::fs::read_to_string(e.expect("a message").path()).expect("a message's text")
                })
                .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port()
}

pub fn worker(app: &TestApp, port: u16) -> Worker {
    let mut settings = settings_for(&app.database_url);
    settings.mail.transport = MailTransport::Smtp;
    settings.mail.smtp_host = "127.0.0.1".into();
    settings.mail.smtp_port = port;
    settings.mail.smtp_security = SmtpSecurity::None;
    settings.mail.smtp_timeout_secs = 5;
    Worker::new(app.db.clone(), &settings.mail).expect("a mail worker")
}
