namespace Parley.Modules.Compliance.Contracts;

/// <summary>How a proposed contact reaches the person; <see cref="Action"/> is a collection action, not a contact.</summary>
public enum Channel
{
    Call,
    Sms,
    Email,
    Letter,
    SocialMedia,
    Action,
}

/// <summary>The gate's verdict on a proposal.</summary>
public enum Verdict
{
    Allow,
    Deny,
    RouteToHuman,
    DenyAndRequireValidationNotice,
}
